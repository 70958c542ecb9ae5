using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// Custody sessions (who, which compartment, in at, out at) computed from the ledger's deposit and retrieve events
/// per (locker, compartment), in each locker's sequence order. Nothing is stored: the ledger is the record.
/// </summary>
/// <param name="database">The database.</param>
public sealed class CustodySessionStore(IDatabase database)
{
    /// <summary>
    /// Lists a school's custody sessions.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">Only sessions of this person's phone (any of their cards, revoked ones included), or all.</param>
    /// <param name="fromUtc">Only sessions still open at or after this instant, or all.</param>
    /// <param name="toUtc">Only sessions that began before this instant, or all.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Sessions ordered by start.</returns>
    public async Task<IReadOnlyList<CustodySession>> ListAsync(string school, string? personId, DateTimeOffset? fromUtc, DateTimeOffset? toUtc, CancellationToken cancellationToken)
    {
        // A phone recorded as taken out at the gateway (a reconciliation, negative sequence) is placed right after the
        // deposit it ended, so the locker's later events pair as they happened.
        var rows = await database.QueryAsync(
            $"""
            SELECT e.id, e.locker, e.seq, e.type, e.compartment, e.credential, e.subject, e.device_utc, e.time_synced, e.received_utc,
                   CASE WHEN e.seq < 0 THEN e.payload ELSE '' END, {LedgerStore.ClockSetBack}
            FROM events e
            WHERE e.school = @school AND (e.type IN ({EventTypeSql.Custody}) OR (e.seq < 0 AND e.type = @reconciled))
            """,
            [("@school", school), ("@reconciled", GatewayRecord.ReconciledType)],
            r => (Event: new StoredEvent(
                r.GetInt64(0), school, r.GetString(1), 0, r.GetInt64(2), r.GetString(3), r.GetInt32(4), r.GetString(5), r.GetString(6),
                StoredTime.Parse(r.GetString(7)), r.GetInt64(8) != 0, StoredTime.Parse(r.GetString(9)), r.GetInt64(11) != 0),
                After: r.GetInt64(2) < 0 ? GatewayRecord.Decode(r.GetString(10), 0)?.ClosesSequence ?? 0 : r.GetInt64(2)),
            cancellationToken);
        IEnumerable<StoredEvent> events = rows
            .OrderBy(e => e.Event.Locker, StringComparer.Ordinal).ThenBy(e => e.After).ThenBy(e => e.Event.Sequence < 0 ? 1 : 0)
            .Select(e => e.Event);
        Dictionary<string, string> owners = (await database.QueryAsync(
            "SELECT credential, person_id FROM credentials WHERE school = @school",
            [("@school", school)],
            r => (Credential: r.GetString(0), Person: r.GetString(1)),
            cancellationToken)).ToDictionary(o => o.Credential, o => o.Person, StringComparer.Ordinal);

        IEnumerable<CustodySession> sessions = Build(events, owners);
        if (personId is not null)
        {
            sessions = sessions.Where(s => s.PersonId == personId);
        }

        if (fromUtc is { } from)
        {
            sessions = sessions.Where(s => s.OutUtc is null || s.OutUtc >= from);
        }

        if (toUtc is { } to)
        {
            sessions = sessions.Where(s => s.InUtc < to);
        }

        return [.. sessions.OrderBy(s => s.InUtc).ThenBy(s => s.InEventId)];
    }

    /// <summary>
    /// Pairs deposits with the retrievals (or gateway-recorded reconciliations) that end them. Events must be in
    /// sequence order per locker, a reconciliation right after the deposit it ended. A deposit into a
    /// compartment that still holds a phone ends the earlier session there at that deposit, with no retrieval event
    /// (OutEventId null: the ledger never saw the phone leave).
    /// </summary>
    /// <param name="events">Deposit, retrieve and reconciled events, per locker in sequence order.</param>
    /// <param name="owners">Credential hash → person.</param>
    /// <returns>Sessions, in no particular order.</returns>
    public static IReadOnlyList<CustodySession> Build(IEnumerable<StoredEvent> events, IReadOnlyDictionary<string, string> owners)
    {
        var open = new Dictionary<(string Locker, int Compartment), CustodySession>();
        var sessions = new List<CustodySession>();
        foreach (StoredEvent e in events)
        {
            (string, int) slot = (e.Locker, e.Compartment);
            if (e.Type == EventType.Deposit)
            {
                if (open.Remove(slot, out CustodySession? unended))
                {
                    sessions.Add(unended with { OutUtc = e.PlacedUtc });
                }

                string owner = e.HasSubject ? e.Subject : e.Credential;
                open[slot] = new CustodySession(
                    e.Locker, e.Compartment, owner, owners.GetValueOrDefault(owner), e.HasSubject, e.PlacedUtc, null, owners.GetValueOrDefault(e.Credential), null, e.Id, null);
            }
            else if (e.Type == EventType.Retrieve && open.Remove(slot, out CustodySession? session))
            {
                sessions.Add(session with { OutUtc = e.PlacedUtc, OutBy = owners.GetValueOrDefault(e.Credential), OutEventId = e.Id });
            }
            else if (e.Type == GatewayRecord.ReconciledType && open.Remove(slot, out CustodySession? ended))
            {
                sessions.Add(ended with { OutUtc = e.PlacedUtc, OutEventId = e.Id, Reconciled = true });
            }
        }

        sessions.AddRange(open.Values);
        return sessions;
    }
}
