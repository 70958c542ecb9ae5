namespace PhoneSafe.Gateway.Model;

/// <summary>
/// One review step for several flags at once (bulk triage).
/// </summary>
/// <param name="Ids">The flags.</param>
/// <param name="Status">under-investigation or resolved.</param>
/// <param name="Resolution">explained, breach or false-alarm, only when resolving.</param>
/// <param name="Note">What was found or decided, recorded on every flag.</param>
public sealed record FlagBulkReviewRequest(IReadOnlyList<long>? Ids, string? Status, string? Resolution, string? Note);
