namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// Why the school is closed on days inside a term (stored as these words).
/// </summary>
public static class ClosureKind
{
    /// <summary>In-service training day: staff may be in, pupils are not; no contact time.</summary>
    public const string Inset = "inset";

    /// <summary>A bank holiday.</summary>
    public const string BankHoliday = "bank-holiday";

    /// <summary>A half-term holiday inside a term.</summary>
    public const string HalfTerm = "half-term";

    /// <summary>Any other closure (weather, polling station, emergency).</summary>
    public const string Closure = "closure";

    /// <summary>Every valid word.</summary>
    public static readonly IReadOnlyList<string> All = [Inset, BankHoliday, HalfTerm, Closure];
}
