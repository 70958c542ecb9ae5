namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A member of staff's own account of a flag about them.
/// </summary>
/// <param name="Text">What happened, in their words (1 to 2,000 characters).</param>
public sealed record FlagAccountRequest(string? Text);
