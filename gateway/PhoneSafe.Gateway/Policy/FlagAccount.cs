namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// A member of staff's own account of a flag about them, written before it was resolved and shown to SLT with it.
/// </summary>
/// <param name="FlagId">The flag.</param>
/// <param name="School">School identifier.</param>
/// <param name="PersonId">The member of staff (the flag's person).</param>
/// <param name="Text">Their account.</param>
/// <param name="WrittenBy">The account that wrote it.</param>
/// <param name="WrittenUtc">When it was last written.</param>
public sealed record FlagAccount(long FlagId, string School, string PersonId, string Text, string WrittenBy, DateTimeOffset WrittenUtc);
