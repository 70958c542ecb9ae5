using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// What became of a request to send a locker command: sent (with its record), or refused by the gateway with an HTTP
/// status and a reason for the person at the screen.
/// </summary>
/// <param name="Sent">The command as recorded and published, or null when refused.</param>
/// <param name="Status">The HTTP status of a refusal (400, 403, 404, 409 or 503); 0 when sent.</param>
/// <param name="Problem">Why it was refused, or null.</param>
public sealed record CommandOutcome(LockerCommandRecord? Sent, int Status = 0, string? Problem = null)
{
    /// <summary>
    /// A refusal.
    /// </summary>
    /// <param name="status">HTTP status.</param>
    /// <param name="problem">Why.</param>
    /// <returns>The outcome.</returns>
    public static CommandOutcome Refused(int status, string problem) => new(null, status, problem);
}
