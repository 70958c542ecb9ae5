namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// Days on which the school is closed to pupils although they fall inside a term.
/// </summary>
/// <param name="Start">First day.</param>
/// <param name="End">Last day (inclusive).</param>
/// <param name="Kind">A <see cref="ClosureKind"/> word.</param>
/// <param name="Description">Free text shown in reports, or null.</param>
public sealed record Closure(DateOnly Start, DateOnly End, string Kind, string? Description);
