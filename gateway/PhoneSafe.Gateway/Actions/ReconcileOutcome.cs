using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// What became of a reconciliation: recorded (with the clear sent to the locker, or why it could not be sent), or
/// refused with an HTTP status and either field errors or a reason.
/// </summary>
/// <param name="Recorded">The ledger entry, or null when refused.</param>
/// <param name="Clear">The clear command sent to the locker, or null.</param>
/// <param name="ClearProblem">Why the clear was not sent (the entry stands; send a clear from the locker page later), or null.</param>
/// <param name="Status">The HTTP status of a refusal (400, 403, 404 or 409); 0 when recorded.</param>
/// <param name="Errors">Field errors of a 400, or null.</param>
/// <param name="Problem">Why it was refused (403, 404, 409), or null.</param>
public sealed record ReconcileOutcome(
    Reconciliation? Recorded,
    LockerCommandRecord? Clear = null,
    string? ClearProblem = null,
    int Status = 0,
    IDictionary<string, string[]>? Errors = null,
    string? Problem = null);
