using System.Data.Common;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// Recomputes every school's hash chain from the stored rows and compares it with the stored hashes and the
/// school's recorded head, reporting the first break: an altered row, a missing row, or rows cut from either end
/// without a checkpoint. Events the purge kept behind a checkpoint because they are still needed (<c>held_events</c>)
/// are each checked against the hash recorded before them. Optionally it also checks each event's device tag with its locker's key: the chain has no
/// secret, so someone able to write the database could append a row and recompute the chain, but could not sign it.
/// Every checkpoint (a cut of the oldest events by the retention purge) must carry a signature made with the gateway's
/// key (<see cref="CheckpointSigner"/>): one without, or with a wrong one, is a break.
/// </summary>
/// <param name="database">The database.</param>
/// <param name="signer">Checks the checkpoints' signatures.</param>
/// <param name="ledger">The locker keys, for the device-tag check (null: that check is not available).</param>
public sealed class LedgerVerifier(IDatabase database, CheckpointSigner signer, LedgerStore? ledger = null)
{
    /// <summary>
    /// Checks the chains.
    /// </summary>
    /// <param name="school">Only this school, or every school when null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>OK with counts, or the first break.</returns>
    public Task<LedgerVerification> VerifyAsync(string? school, CancellationToken cancellationToken) => VerifyAsync(school, false, cancellationToken);

    /// <summary>
    /// Checks the chains and, when asked, every event's device tag and that the row's columns are what the locker signed.
    /// </summary>
    /// <param name="school">Only this school, or every school when null.</param>
    /// <param name="deviceTags">true to re-check each event with its locker's key.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>OK with counts, or the first break.</returns>
    public async Task<LedgerVerification> VerifyAsync(string? school, bool deviceTags, CancellationToken cancellationToken)
    {
        Dictionary<(string, string), byte[]>? keys = null;
        if (deviceTags)
        {
            LedgerStore store = ledger ?? throw new InvalidOperationException("The device-tag check needs the locker keys.");
            keys = (await store.GetLockerKeysAsync(cancellationToken)).ToDictionary(k => (k.School, k.Locker), k => k.Key);
        }

        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        var heads = new List<LedgerHead>();
        await using (DbCommand command = connection.Command(
            """
            SELECT school, chain_length, chain_head FROM schools WHERE CAST(@school AS TEXT) IS NULL OR school = @school
            UNION ALL
            SELECT DISTINCT e.school, 0, NULL FROM events e
            WHERE (CAST(@school AS TEXT) IS NULL OR e.school = @school) AND NOT EXISTS (SELECT 1 FROM schools s WHERE s.school = e.school)
            ORDER BY 1
            """,
            null,
            ("@school", school)))
        await using (DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                heads.Add(new LedgerHead(reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
            }
        }

        var checkpoints = new Dictionary<(string, long), string>();
        LedgerBreak? found = null;
        await using (DbCommand command = connection.Command(
            """
            SELECT c.school, c.chain_index, c.chain_hash, s.signature FROM ledger_checkpoints c
            LEFT JOIN ledger_checkpoint_signatures s ON s.school = c.school AND s.chain_index = c.chain_index
            WHERE CAST(@school AS TEXT) IS NULL OR c.school = @school
            ORDER BY 1, 2
            """,
            null,
            ("@school", school)))
        await using (DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                (string cutSchool, long index, string hash) = (reader.GetString(0), reader.GetInt64(1), reader.GetString(2));
                checkpoints[(cutSchool, index)] = hash;
                if (found is null && (reader.IsDBNull(3) || !signer.Verify(cutSchool, index, hash, reader.GetString(3))))
                {
                    found = new LedgerBreak(
                        cutSchool,
                        index,
                        null,
                        null,
                        null,
                        reader.IsDBNull(3)
                            ? $"the checkpoint cutting the ledger at event {index} is not signed: it was not made by this gateway's retention purge"
                            : $"the checkpoint cutting the ledger at event {index} has a signature this gateway's key did not make");
                }
            }
        }

        var held = new Dictionary<(string, long), string>();
        await using (DbCommand command = connection.Command(
            "SELECT school, chain_index, previous_hash FROM held_events WHERE CAST(@school AS TEXT) IS NULL OR school = @school",
            null,
            ("@school", school)))
        await using (DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                held[(reader.GetString(0), reader.GetInt64(1))] = reader.GetString(2);
            }
        }

        long events = 0;
        foreach (LedgerHead head in found is null ? heads : [])
        {
            (long checkedRows, found) = await VerifySchoolAsync(connection, head, checkpoints, held, keys, cancellationToken);
            events += checkedRows;
            if (found is not null)
            {
                break;
            }
        }

        return new LedgerVerification(found is null, heads.Count, events, checkpoints.Count, found, heads, deviceTags);
    }

    // Null when the row is what its locker signed, otherwise why not.
    private static string? CheckDeviceTag(LedgerRow row, Dictionary<(string, string), byte[]> keys)
    {
        if (row.Sequence < 0)
        {
            // Recorded by a person at the gateway (no locker signed it): its own record must match its columns.
            return GatewayRecord.Check(row);
        }

        if (!keys.TryGetValue((row.School, row.Locker), out byte[]? key))
        {
            return "no key for the event's locker: it was never registered";
        }

        if (!EventCodec.TryDecode(System.Text.Encoding.UTF8.GetBytes(row.Payload), row.Locker, key, out LockerEvent signed, out string reason))
        {
            return $"the event's device tag does not verify with its locker's key ({reason}): it was not sent by that locker";
        }

        bool same = signed.Boot == row.Boot && signed.Sequence == row.Sequence && signed.Type == row.Type && signed.Compartment == row.Compartment
            && signed.Credential == row.Credential && signed.Subject == row.Subject;
        return same ? null : "the row's columns differ from what its locker signed: the row was changed";
    }

    private static async Task<(long Rows, LedgerBreak? Break)> VerifySchoolAsync(
        DbConnection connection,
        LedgerHead head,
        Dictionary<(string, long), string> checkpoints,
        Dictionary<(string, long), string> held,
        Dictionary<(string, string), byte[]>? keys,
        CancellationToken cancellationToken)
    {
        // Events at or before the school's last checkpoint are ones the purge kept because they are still needed.
        long lastCut = checkpoints.Keys.Where(k => k.Item1 == head.School).Select(k => k.Item2).DefaultIfEmpty(0).Max();
        long heldRows = 0;
        await using DbCommand command = connection.Command(
            """
            SELECT id, locker, boot, seq, type, compartment, credential, subject, device_utc, time_synced, uptime_ms, received_utc, payload, chain_index, chain_hash
            FROM events WHERE school = @school ORDER BY chain_index
            """,
            null,
            ("@school", head.School));
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        long rows = 0;
        long index = 0;
        string previous = LedgerChain.Genesis;
        while (await reader.ReadAsync(cancellationToken))
        {
            long id = reader.GetInt64(0);
            string locker = reader.GetString(1);
            long sequence = reader.GetInt64(3);
            long chainIndex = reader.GetInt64(13);
            if (chainIndex <= lastCut)
            {
                // A held event: its neighbours are gone, so it is checked against the hash recorded before it.
                if (!held.TryGetValue((head.School, chainIndex), out string? before))
                {
                    return (rows + heldRows, new LedgerBreak(head.School, chainIndex, id, locker, sequence, "the event is behind a checkpoint but not recorded as held: the row was added"));
                }

                if (Check(ReadRow(reader, head.School, locker, sequence, chainIndex), before, reader.GetString(14), keys) is { } wrong)
                {
                    return (rows + heldRows, new LedgerBreak(head.School, chainIndex, id, locker, sequence, wrong));
                }

                heldRows++;
                continue;
            }

            if (rows == 0 && chainIndex > 1)
            {
                // The start was cut: only allowed at a checkpoint that records the hash it cut at.
                if (!checkpoints.TryGetValue((head.School, chainIndex - 1), out string? cut))
                {
                    return (rows + heldRows, new LedgerBreak(head.School, chainIndex, id, locker, sequence, $"events 1 to {chainIndex - 1} are missing and no checkpoint records their removal"));
                }

                previous = cut;
                index = chainIndex - 1;
            }

            if (chainIndex != index + 1)
            {
                return (rows + heldRows, new LedgerBreak(head.School, index + 1, id, locker, sequence, $"chain index {index + 1} expected, found {chainIndex}: events are missing"));
            }

            LedgerRow row = ReadRow(reader, head.School, locker, sequence, chainIndex);
            if (Check(row, previous, reader.GetString(14), keys) is { } broken)
            {
                return (rows + heldRows, new LedgerBreak(head.School, chainIndex, id, locker, sequence, broken));
            }

            previous = reader.GetString(14);
            index = chainIndex;
            rows++;
        }

        if (rows == 0 && head.Length > 0)
        {
            // Everything was purged: the last checkpoint must be the head.
            if (checkpoints.TryGetValue((head.School, head.Length), out string? cut) && cut == head.Hash)
            {
                return (heldRows, null);
            }

            return (heldRows, new LedgerBreak(head.School, 1, null, null, null, $"the school's head records {head.Length} events but none are stored and no checkpoint covers them"));
        }

        if (index != head.Length || (rows > 0 && !string.Equals(previous, head.Hash, StringComparison.Ordinal)))
        {
            return (rows + heldRows, new LedgerBreak(head.School, index + 1, null, null, null, $"the chain ends at event {index} but the school's head records {head.Length}: events were removed from the end, or the head was changed"));
        }

        return (rows + heldRows, null);
    }

    private static LedgerRow ReadRow(DbDataReader reader, string school, string locker, long sequence, long chainIndex) => new(
        school, locker, reader.GetInt64(2), sequence, reader.GetString(4), reader.GetInt32(5), reader.GetString(6), reader.GetString(7),
        reader.GetString(8), reader.GetInt32(9), reader.GetInt64(10), reader.GetString(11), reader.GetString(12), chainIndex);

    // Null when the row hashes to its stored chain hash from the hash before it (and, when asked, its locker signed it).
    private static string? Check(LedgerRow row, string previousHash, string storedHash, Dictionary<(string, string), byte[]>? keys)
    {
        if (!string.Equals(LedgerChain.Next(previousHash, row), storedHash, StringComparison.Ordinal))
        {
            return "stored chain hash does not match the row: the row (or its hash) was changed";
        }

        return keys is null ? null : CheckDeviceTag(row, keys);
    }
}
