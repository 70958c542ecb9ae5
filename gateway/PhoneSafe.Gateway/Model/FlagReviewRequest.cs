namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A review step on a flag.
/// </summary>
/// <param name="Status">under-investigation or resolved (or under-investigation again to reopen).</param>
/// <param name="Resolution">explained, breach or false-alarm, only when resolving.</param>
/// <param name="Note">What was found or decided.</param>
/// <param name="By">Who decided (a name until sign-in exists).</param>
public sealed record FlagReviewRequest(string? Status, string? Resolution, string? Note, string? By);
