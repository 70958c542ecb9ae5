using System.Security.Claims;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Services;

namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// Records a phone taken out without the locker (the override key, or while the controller was dead), the one way
/// pages and the API do it: checks the report, writes a gateway-recorded entry to the ledger that ends the custody
/// (<see cref="LedgerStore.RecordReconciliationAsync"/>), audits it, tells open pages, then sends the locker a clear
/// that puts the compartment back in service and empty. Never silent: the entry names who recorded it, who took the
/// phone out, when and why.
/// </summary>
/// <param name="ledger">The ledger.</param>
/// <param name="registry">Registered units.</param>
/// <param name="commands">Sends the clear.</param>
/// <param name="users">Audit log.</param>
/// <param name="live">Open pages.</param>
/// <param name="publisher">Refreshes the lockers' restore messages (the custody changed).</param>
/// <param name="time">The clock.</param>
public sealed class Reconciliations(
    LedgerStore ledger, LockerRegistryStore registry, LockerCommands commands, UserStore users, LiveUpdates live, Publishing.LockerConfigPublisher publisher, TimeProvider time)
{
    /// <summary>The longest name of who took a phone out, in characters.</summary>
    public const int MaxNameLength = 100;

    /// <summary>
    /// Tells whether a user may record a reconciliation: SLT and the IT technician.
    /// </summary>
    /// <param name="user">The signed-in user.</param>
    /// <returns>true when allowed.</returns>
    public static bool MayRecord(ClaimsPrincipal user) => user.IsInRole(UserRoles.Slt) || user.IsInRole(UserRoles.Admin);

    /// <summary>
    /// Checks, records, audits and pushes a reconciliation, then sends the clear.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="request">The report.</param>
    /// <param name="user">Who records it.</param>
    /// <param name="remote">The client address, for the audit log.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome.</returns>
    public async Task<ReconcileOutcome> RecordAsync(string school, string locker, ReconcileRequest request, ClaimsPrincipal user, string remote, CancellationToken cancellationToken)
    {
        if (!MayRecord(user))
        {
            return new ReconcileOutcome(null, Status: StatusCodes.Status403Forbidden, Problem: "only SLT and the IT technician record a phone taken out without the locker");
        }

        (string Locker, string Kind, int Compartments) unit = (await registry.ListUnitsAsync(school, cancellationToken)).FirstOrDefault(u => u.Locker == locker);
        if (unit.Locker is null)
        {
            return new ReconcileOutcome(null, Status: StatusCodes.Status404NotFound, Problem: $"no registered locker {locker}");
        }

        DateTimeOffset now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (request.Compartment is not int compartment || compartment < 1 || compartment > unit.Compartments)
        {
            errors["compartment"] = [$"choose the compartment, 1 to {unit.Compartments}"];
            compartment = 0;
        }

        if (request.TakenOutUtc is not { } when || when > now)
        {
            errors["takenOutUtc"] = ["say when the phone was taken out (not in the future)"];
            when = now;
        }

        string takenBy = request.TakenOutBy?.Trim() ?? string.Empty;
        if (takenBy.Length == 0 || takenBy.Length > MaxNameLength)
        {
            errors["takenOutBy"] = [$"say who took the phone out (1 to {MaxNameLength} characters)"];
        }

        string reason = request.Reason?.Trim() ?? string.Empty;
        if (reason.Length == 0 || reason.Length > LockerCommands.MaxReasonLength)
        {
            errors["reason"] = [$"say why (1 to {LockerCommands.MaxReasonLength} characters)"];
        }

        if (errors.Count > 0)
        {
            return new ReconcileOutcome(null, Status: StatusCodes.Status400BadRequest, Errors: errors);
        }

        string recordedBy = user.Identity?.Name ?? "-";
        var facts = new Reconciliation(locker, compartment, string.Empty, string.Empty, 0, when, takenBy, reason, recordedBy, now, 0);
        Reconciliation? recorded = await ledger.RecordReconciliationAsync(school, facts, cancellationToken);
        if (recorded is null)
        {
            return new ReconcileOutcome(null, Status: StatusCodes.Status409Conflict, Problem: $"no phone is recorded in compartment {compartment} of {locker}; to put a faulted compartment back in service, clear it");
        }

        await users.AuditAsync(
            recordedBy,
            "locker:reconciled",
            AuditExtensions.ScopedDetail(school, $"locker={locker}; compartment={compartment}; taken-out={when:O}; by={takenBy}; reason={reason}; chain-index={recorded.ChainIndex}"),
            remote,
            cancellationToken);
        live.Publish("custody");
        publisher.RequestPublish(school);

        CommandOutcome clear = await commands.SendEmptyingClearAsync(school, locker, compartment, recorded.Occupant, $"reconciled: {reason}", user, cancellationToken);
        await users.AuditAsync(
            recordedBy,
            clear.Sent is null ? "locker:command-refused" : "locker:command",
            AuditExtensions.ScopedDetail(school, $"locker={locker}; command=clear; compartment={compartment}; reason=reconciled; {(clear.Sent is { } sent ? "id=" + sent.Id : "why=" + clear.Problem)}"),
            remote,
            cancellationToken);
        live.Publish("lockers");
        return new ReconcileOutcome(recorded, clear.Sent, clear.Problem);
    }
}
