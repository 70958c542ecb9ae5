using System.Text;
using System.Data.Common;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// Applies one batch of verified messages inside an open transaction, with prepared commands reused for every row.
/// Safe with several gateway instances on one database: <see cref="LockSchools"/> first locks the batch's schools
/// (in a fixed order, so two batches cannot deadlock), which serialises each school's hash chain, custody and
/// acknowledgement points; events are inserted with ON CONFLICT DO NOTHING and compared when already there.
/// </summary>
internal sealed class LedgerBatchWriter : IDisposable
{
    private readonly DbCommand _findEvent;
    private readonly DbCommand _insertEvent;
    private readonly DbCommand _readClockReference;
    private readonly DbCommand _markClockSetBack;
    private readonly DbCommand _lockSchool;
    private readonly DbCommand _deposit;
    private readonly DbCommand _retrieve;
    private readonly DbCommand _quarantine;
    private readonly DbCommand _status;
    private readonly DbCommand _readAcked;
    private readonly DbCommand _readLowest;
    private readonly DbCommand _readAbove;
    private readonly DbCommand _saveAcked;
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly Dictionary<(string School, string Locker), long> _gapFloors = [];
    private readonly Dictionary<(string School, string Locker), long> _ackedAtStart = [];
    private readonly Dictionary<(string School, string Locker, long Boot), ClockReference> _clockReferences = [];
    private readonly Dictionary<string, (string Hash, long Length)> _chainHeads = new(StringComparer.Ordinal);
    private readonly List<string> _rejected = [];

    public LedgerBatchWriter(DbConnection connection, DbTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
        _findEvent = Prepare("SELECT payload FROM events WHERE school = @school AND locker = @locker AND seq = @seq", "@school", "@locker", "@seq");
        _insertEvent = Prepare(
            """
            INSERT INTO events (school, locker, boot, seq, type, compartment, credential, subject, device_utc, time_synced, uptime_ms, received_utc, payload, chain_index, chain_hash)
            VALUES (@school, @locker, @boot, @seq, @type, @compartment, @credential, @subject, @device_utc, @time_synced, @uptime_ms, @received_utc, @payload, @chain_index, @chain_hash)
            ON CONFLICT (school, locker, seq) DO NOTHING
            """,
            "@school", "@locker", "@boot", "@seq", "@type", "@compartment", "@credential", "@subject", "@device_utc", "@time_synced", "@uptime_ms", "@received_utc", "@payload", "@chain_index", "@chain_hash");
        _readClockReference = Prepare(
            $"""
            SELECT e.seq, e.device_utc, e.uptime_ms FROM events e
            WHERE e.school = @school AND e.locker = @locker AND e.boot = @boot AND e.seq > 0 AND e.seq < @seq AND e.time_synced = 1 AND {LedgerStore.ClockSetBack} = 0
            ORDER BY e.seq DESC LIMIT 1
            """,
            "@school", "@locker", "@boot", "@seq");
        _markClockSetBack = Prepare("INSERT INTO clock_set_back (school, locker, seq) VALUES (@school, @locker, @seq)", "@school", "@locker", "@seq");
        _lockSchool = Prepare("UPDATE schools SET chain_length = chain_length WHERE school = @school RETURNING chain_head, chain_length", "@school");
        _deposit = Prepare(
            """
            INSERT INTO custody (school, locker, compartment, credential, since_utc, seq) VALUES (@school, @locker, @compartment, @credential, @since, @seq)
            ON CONFLICT (school, locker, compartment) DO UPDATE SET credential = excluded.credential, since_utc = excluded.since_utc, seq = excluded.seq
            """,
            "@school", "@locker", "@compartment", "@credential", "@since", "@seq");
        _retrieve = Prepare("DELETE FROM custody WHERE school = @school AND locker = @locker AND compartment = @compartment", "@school", "@locker", "@compartment");
        _quarantine = Prepare(
            "INSERT INTO quarantine (received_utc, topic, reason, payload, payload_bytes) VALUES (@received_utc, @topic, @reason, @payload, @payload_bytes)",
            "@received_utc", "@topic", "@reason", "@payload", "@payload_bytes");
        _status = Prepare("UPDATE lockers SET status = @status, status_utc = @at WHERE school = @school AND locker = @locker", "@status", "@at", "@school", "@locker");

        // Acknowledgement points: prepared once per batch and reused for every locker (a reconnect storm's batch
        // touches up to a thousand lockers; preparing these per locker cost more than the inserts).
        _readAcked = Prepare("SELECT acked_seq FROM lockers WHERE school = @school AND locker = @locker", "@school", "@locker");
        _readLowest = Prepare("SELECT seq, received_utc FROM events WHERE school = @school AND locker = @locker AND seq > 0 ORDER BY seq LIMIT 1", "@school", "@locker");
        _readAbove = Prepare("SELECT seq FROM events WHERE school = @school AND locker = @locker AND seq > @acked ORDER BY seq", "@school", "@locker", "@acked");
        _saveAcked = Prepare("UPDATE lockers SET acked_seq = @acked WHERE school = @school AND locker = @locker", "@acked", "@school", "@locker");
    }

    public int Stored { get; private set; }

    public void Dispose()
    {
        foreach (DbCommand command in new[] { _findEvent, _insertEvent, _readClockReference, _markClockSetBack, _lockSchool, _deposit, _retrieve, _quarantine, _status, _readAcked, _readLowest, _readAbove, _saveAcked })
        {
            command.Dispose();
        }
    }

    public int Duplicates { get; private set; }

    /// <summary>Gets the bytes this batch added to the quarantine.</summary>
    public long QuarantinedBytes { get; private set; }

    public IReadOnlyList<string> RejectedReasons => _rejected;

    /// <summary>
    /// Locks the schools of a batch (ordinal order) for the rest of the transaction and reads their chain heads.
    /// Another instance committing for the same school waits here until this transaction ends.
    /// </summary>
    /// <param name="schools">The schools the batch touches.</param>
    public void LockSchools(IEnumerable<string> schools)
    {
        foreach (string school in schools.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            Bind(_lockSchool, school);
            using DbDataReader row = _lockSchool.ExecuteReader();
            if (row.Read())
            {
                _chainHeads[school] = (row.IsDBNull(0) ? LedgerChain.Genesis : row.GetString(0), row.GetInt64(1));
            }
        }
    }

    /// <summary>
    /// Writes the chain head (hash and length) of every school that got new events.
    /// </summary>
    public void SaveChainHeads()
    {
        using DbCommand save = Prepare("UPDATE schools SET chain_head = @head, chain_length = @length WHERE school = @school", "@head", "@length", "@school");
        foreach ((string school, (string hash, long length)) in _chainHeads)
        {
            if (length > 0)
            {
                Run(save, hash, length, school);
            }
        }
    }

    public void Apply(VerifiedMessage message)
    {
        switch (message.Disposition)
        {
            case MessageDisposition.Event:
                ApplyEvent(message);
                break;
            case MessageDisposition.Rejected when message.Reason == RejectReason.UnknownType && message.Event is not null:
                // Authentic but of a type this gateway does not know yet: kept in the ledger (so the locker is
                // acknowledged and its journal does not block) and in quarantine (so it is seen and counted).
                ApplyEvent(message);
                Quarantine(message.Message, RejectReason.UnknownType);
                break;
            case MessageDisposition.Status:
                Run(_status, message.Reason, StoredTime.Format(message.Message.ReceivedUtc), message.School, message.Locker);
                break;
            case MessageDisposition.CommandResult:
            case MessageDisposition.UpdateProgress:
                // Not ledger facts: the writer service records them against their command (LockerCommandStore) or
                // the locker's update (FirmwareRollouts).
                break;
            default:
                Quarantine(message.Message, message.Reason ?? RejectReason.Malformed);
                break;
        }
    }

    /// <summary>
    /// How long a locker's lowest stored event must have been in the ledger before a first contact that starts above
    /// sequence 1 is acknowledged from there: two resend periods, in which a locker that still holds lower events has
    /// sent them again (it resends from its oldest unacknowledged event whenever 30 s pass without an ack).
    /// </summary>
    public static readonly TimeSpan FirstContactSettle = TimeSpan.FromMilliseconds(2 * PhoneSafe.Firmware.Core.Locker.Uplink.ResendAfterMilliseconds);

    /// <summary>
    /// Moves each touched locker's acknowledgement point up to the highest sequence with no gap below it.
    /// A locker never acknowledged counts from sequence 1; if its lowest stored event is above 1 (a gateway installed
    /// after the locker), from just below that event once it has been stored for <see cref="FirstContactSettle"/>,
    /// so lower events that were refused, or are still on a slower gateway instance, are not acknowledged unseen.
    /// </summary>
    /// <param name="now">The time now, to judge <see cref="FirstContactSettle"/>.</param>
    /// <returns>The acknowledgement point of each touched locker (0: nothing to acknowledge yet).</returns>
    public IReadOnlyList<AckPoint> AdvanceAckPoints(DateTimeOffset now)
    {
        var acks = new List<AckPoint>();
        foreach (((string school, string locker), long gapFloor) in _gapFloors)
        {
            Bind(_readAcked, school, locker);
            if (_readAcked.ExecuteScalar() is not long acked)
            {
                continue;
            }

            if (acked == 0)
            {
                Bind(_readLowest, school, locker);
                using DbDataReader lowest = _readLowest.ExecuteReader();
                if (lowest.Read() && now - StoredTime.Parse(lowest.GetString(1)) >= FirstContactSettle)
                {
                    acked = lowest.GetInt64(0) - 1;
                }
            }

            acked = Math.Max(acked, gapFloor);
            Bind(_readAbove, school, locker, acked);
            using (DbDataReader seqs = _readAbove.ExecuteReader())
            {
                while (seqs.Read() && seqs.GetInt64(0) == acked + 1)
                {
                    acked++;
                }
            }

            Run(_saveAcked, acked, school, locker);
            acks.Add(new AckPoint(school, locker, acked));
        }

        return acks;
    }

    /// <summary>
    /// Appends a gateway-recorded reconciliation to the ledger (the school must be locked) and ends the custody of the
    /// phone recorded in that compartment. Nothing is written when no phone is recorded there.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="facts">What was reported (credential, subject, sequence and chain index are filled in here).</param>
    /// <param name="now">The time now (arrival time of the row).</param>
    /// <returns>The stored reconciliation, or null when no phone is in custody there.</returns>
    public Reconciliation? AppendReconciliation(string school, Reconciliation facts, DateTimeOffset now)
    {
        if (!_chainHeads.TryGetValue(school, out (string Hash, long Length) head))
        {
            throw new InvalidOperationException($"School {school} was not locked before its reconciliation was appended.");
        }

        string? credential = null;
        string subject = string.Empty;
        long closes = 0;
        using (DbCommand custody = Prepare(
            """
            SELECT c.credential, c.seq, coalesce(e.subject, '') FROM custody c
            LEFT JOIN events e ON e.school = c.school AND e.locker = c.locker AND e.seq = c.seq
            WHERE c.school = @school AND c.locker = @locker AND c.compartment = @compartment
            """,
            "@school", "@locker", "@compartment"))
        {
            Bind(custody, school, facts.Locker, facts.Compartment);
            using DbDataReader row = custody.ExecuteReader();
            if (row.Read())
            {
                (credential, closes, subject) = (row.GetString(0), row.GetInt64(1), row.GetString(2));
            }
        }

        if (credential is null)
        {
            return null;
        }

        long sequence;
        using (DbCommand lowest = Prepare("SELECT coalesce(min(seq), 0) FROM events WHERE school = @school AND locker = @locker AND seq < 0", "@school", "@locker"))
        {
            Bind(lowest, school, facts.Locker);
            sequence = Convert.ToInt64(lowest.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) - 1;
        }

        Reconciliation entry = facts with { Credential = credential, Subject = subject, ClosesSequence = closes, ChainIndex = head.Length + 1 };
        var ledgerRow = new LedgerRow(
            school, entry.Locker, 0, sequence, GatewayRecord.ReconciledType, entry.Compartment, entry.Credential, entry.Subject,
            IsoTime.Format(entry.TakenOutUtc.UtcDateTime), 1, 0, StoredTime.Format(now), GatewayRecord.Encode(entry), entry.ChainIndex);
        string hash = LedgerChain.Next(head.Hash, ledgerRow);
        Run(
            _insertEvent,
            ledgerRow.School,
            ledgerRow.Locker,
            ledgerRow.Boot,
            ledgerRow.Sequence,
            ledgerRow.Type,
            ledgerRow.Compartment,
            ledgerRow.Credential,
            ledgerRow.Subject,
            ledgerRow.DeviceUtc,
            ledgerRow.TimeSynchronized,
            ledgerRow.UptimeMilliseconds,
            ledgerRow.ReceivedUtc,
            ledgerRow.Payload,
            ledgerRow.ChainIndex,
            hash);
        _chainHeads[school] = (hash, ledgerRow.ChainIndex);
        Stored++;
        Run(_retrieve, school, entry.Locker, entry.Compartment);
        return entry;
    }

    private void ApplyEvent(VerifiedMessage message)
    {
        LockerEvent e = message.Event!;
        string school = message.School!;
        string locker = message.Locker!;
        string payload = Encoding.UTF8.GetString(message.Message.Payload);
        var key = (school, locker);
        _gapFloors.TryAdd(key, 0);
        if (!_ackedAtStart.TryGetValue(key, out long acked))
        {
            Bind(_readAcked, school, locker);
            acked = _readAcked.ExecuteScalar() is long point ? point : 0;
            _ackedAtStart[key] = acked;
        }

        if (!_chainHeads.TryGetValue(school, out (string Hash, long Length) head))
        {
            throw new InvalidOperationException($"School {school} was not locked before its events were applied.");
        }

        var row = new LedgerRow(
            school, locker, e.Boot, e.Sequence, e.Type, e.Compartment, e.Credential, e.Subject, IsoTime.Format(e.TimestampUtc),
            e.TimeSynchronized ? 1 : 0, e.UptimeMilliseconds, StoredTime.Format(message.Message.ReceivedUtc), payload, head.Length + 1);
        string hash = LedgerChain.Next(head.Hash, row);
        var deviceUtc = new DateTimeOffset(e.TimestampUtc, TimeSpan.Zero);
        bool clockSetBack = e.TimeSynchronized && ClockWentBack(school, locker, e, deviceUtc);

        // At or below the acknowledged point the locker has already dropped the event from its journal, so it never
        // sends it again: such a sequence is either stored (a duplicate) or a capture replayed after its row was
        // purged by retention, which must not enter the ledger a second time.
        int inserted = e.Sequence <= acked ? 0 : Run(
            _insertEvent,
            row.School,
            row.Locker,
            row.Boot,
            row.Sequence,
            row.Type,
            row.Compartment,
            row.Credential,
            row.Subject,
            row.DeviceUtc,
            row.TimeSynchronized,
            row.UptimeMilliseconds,
            row.ReceivedUtc,
            row.Payload,
            row.ChainIndex,
            hash);
        if (inserted > 0 && clockSetBack)
        {
            Run(_markClockSetBack, school, locker, e.Sequence);
        }

        if (inserted == 0)
        {
            // Already stored (a resend, or another gateway instance got it first): the same bytes are a duplicate
            // to acknowledge again; different content under a used sequence number, or an acknowledged sequence no
            // longer stored, is a replay.
            Bind(_findEvent, school, locker, e.Sequence);
            if (_findEvent.ExecuteScalar() is string existing && existing == payload)
            {
                Duplicates++;
            }
            else
            {
                Quarantine(message.Message, RejectReason.Replayed);
            }

            return;
        }

        _chainHeads[school] = (hash, row.ChainIndex);
        Stored++;
        if (e.TimeSynchronized && !clockSetBack)
        {
            _clockReferences[(school, locker, e.Boot)] = new ClockReference(e.Sequence, deviceUtc, e.UptimeMilliseconds);
        }

        DateTimeOffset placedAt = Model.DeviceClock.Placed(e.TimeSynchronized && !clockSetBack, deviceUtc, message.Message.ReceivedUtc);

        if (e.Type == EventType.Deposit)
        {
            Run(_deposit, school, locker, e.Compartment, e.Credential, StoredTime.Format(placedAt), e.Sequence);
        }
        else if (e.Type == EventType.Retrieve)
        {
            Run(_retrieve, school, locker, e.Compartment);
        }
        else if (e.Type == EventType.JournalGap)
        {
            // The locker overwrote unacknowledged events: everything below this one that has not arrived never will.
            _gapFloors[key] = Math.Max(_gapFloors[key], e.Sequence - 1);
        }
    }

    /// <summary>
    /// Compares an event's boot instant with the locker's latest earlier trusted event of the same boot (kept for the
    /// batch, read from the ledger when the batch has none below this sequence) — <see cref="Model.DeviceClock.WentBack"/>.
    /// </summary>
    private bool ClockWentBack(string school, string locker, LockerEvent e, DateTimeOffset deviceUtc)
    {
        var key = (school, locker, e.Boot);
        if (!_clockReferences.TryGetValue(key, out ClockReference? reference) || reference.Sequence >= e.Sequence)
        {
            Bind(_readClockReference, school, locker, e.Boot, e.Sequence);
            using DbDataReader earlier = _readClockReference.ExecuteReader();
            reference = earlier.Read() ? new ClockReference(earlier.GetInt64(0), StoredTime.Parse(earlier.GetString(1)), earlier.GetInt64(2)) : null;
        }

        return reference is not null && Model.DeviceClock.WentBack(reference.DeviceUtc, reference.UptimeMilliseconds, deviceUtc, e.UptimeMilliseconds);
    }

    private void Quarantine(IncomingMessage message, string reason)
    {
        _rejected.Add(reason);
        byte[] kept = LedgerStore.Truncate(message.Payload);
        QuarantinedBytes += kept.Length;
        Run(_quarantine, StoredTime.Format(message.ReceivedUtc), message.Topic, reason, kept, message.Payload.Length);
    }

    private DbCommand Prepare(string sql, params string[] parameters) =>
        _connection.Command(sql, _transaction, parameters.Select(name => (name, (object?)null)).ToArray());

    private static void Bind(DbCommand command, params object?[] values) => command.Bind(values);

    private static int Run(DbCommand command, params object?[] values) => command.Run(values);

    private sealed record ClockReference(long Sequence, DateTimeOffset DeviceUtc, long UptimeMilliseconds);
}
