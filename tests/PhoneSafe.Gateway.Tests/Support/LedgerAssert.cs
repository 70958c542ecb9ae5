using Microsoft.Data.Sqlite;
using PhoneSafe.Firmware.Virtual;
using PhoneSafe.Simulator;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>One ledger row as the fault tests read it back from the SQLite file.</summary>
public sealed record LedgerEntry(string Locker, long Sequence, long Boot, string Type, string DeviceUtc, long ChainIndex);

/// <summary>
/// The fault tests' end check, read straight from the gateway's SQLite file (so it works whether the gateway runs in
/// the test process, in another process or not at all), or from its PostgreSQL database: every event each locker
/// recorded is in the ledger exactly once.
/// </summary>
public static class LedgerAssert
{
    /// <summary>Reads a school's events in ledger (chain) order.</summary>
    public static List<LedgerEntry> Read(string databasePath, string school)
    {
        var rows = new List<LedgerEntry>();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT locker, seq, boot, type, device_utc, chain_index FROM events WHERE school = @school ORDER BY chain_index";
        command.Parameters.AddWithValue("@school", school);
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new LedgerEntry(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5)));
        }

        return rows;
    }

    /// <summary>Counts a school's events (while the gateway is running, to see progress).</summary>
    public static long Count(string databasePath, string school)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM events WHERE school = @school";
            command.Parameters.AddWithValue("@school", school);
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // Not created yet.
        }
    }

    /// <summary>
    /// Asserts that every locker's journal is empty and nothing was lost on the device, and that for every locker the
    /// ledger holds sequence numbers 1 to the locker's newest exactly once: no duplicate, no gap, nothing extra.
    /// </summary>
    public static void ExactlyOnce(string databasePath, string school, LockerFleet fleet) =>
        ExactlyOnce(Read(databasePath, school), fleet);

    /// <summary>Reads a school's events in ledger (chain) order from a PostgreSQL ledger (a connection of its own, not pooled).</summary>
    public static List<LedgerEntry> ReadPostgreSql(string connectionString, string school)
    {
        var rows = new List<LedgerEntry>();
        using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand("SELECT locker, seq, boot, type, device_utc, chain_index FROM events WHERE school = @school ORDER BY chain_index", connection);
        command.Parameters.AddWithValue("school", school);
        using Npgsql.NpgsqlDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new LedgerEntry(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5)));
        }

        return rows;
    }

    /// <summary>The check of <see cref="ExactlyOnce(string, string, LockerFleet)"/> on rows read from any ledger.</summary>
    public static void ExactlyOnce(List<LedgerEntry> rows, LockerFleet fleet)
    {
        Assert.Equal(0, fleet.Outstanding);
        foreach (VirtualLocker locker in fleet.Lockers)
        {
            Assert.Equal(0, locker.Controller.Journal.PendingCount);
            Assert.Equal(0, locker.Controller.Journal.LostCount);
            long newest = locker.Controller.Journal.NewestSequence;
            long[] sequences = [.. rows.Where(r => r.Locker == locker.Settings.Device).Select(r => r.Sequence)];
            long[] duplicates = [.. sequences.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key)];
            long[] missing = [.. Enumerable.Range(1, (int)newest).Select(i => (long)i).Except(sequences)];
            long[] extra = [.. sequences.Where(s => s < 1 || s > newest)];
            Assert.True(
                duplicates.Length == 0 && missing.Length == 0 && extra.Length == 0 && sequences.Length == newest,
                $"{locker.Settings.Device}: recorded 1..{newest}, ledger has {sequences.Length}; duplicates [{string.Join(',', duplicates)}] missing [{string.Join(',', missing)}] extra [{string.Join(',', extra)}]");
        }

        Assert.Equal(fleet.Lockers.Sum(l => l.Controller.Journal.NewestSequence), rows.Count);
    }
}
