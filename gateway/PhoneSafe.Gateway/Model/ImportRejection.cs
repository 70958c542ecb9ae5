namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A CSV row that was not imported.
/// </summary>
/// <param name="Line">The 1-based line number in the file where the row starts (the header is line 1).</param>
/// <param name="Reason">Why, in words an office administrator can act on.</param>
public sealed record ImportRejection(int Line, string Reason);
