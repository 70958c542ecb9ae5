using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// The ledger in one SQLite file (WAL, synchronous=FULL so a commit survives power loss before the ack goes out).
/// One writer connection serves <see cref="CommitAsync"/> (called by a single worker); reads open their own.
/// </summary>
public sealed class SqliteLedgerStore : ILedgerStore, IDisposable
{
    private const int PreviewCharacters = 512;
    private const int MaxQuarantinedBytes = 65536;

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private SqliteConnection? _writer;

    /// <summary>
    /// Initializes a new instance of the <see cref="SqliteLedgerStore"/> class.
    /// </summary>
    /// <param name="options">Where the database file is.</param>
    /// <param name="environment">Resolves a relative path against the content root.</param>
    /// <param name="time">The clock used for registration times.</param>
    public SqliteLedgerStore(IOptions<StorageOptions> options, IHostEnvironment environment, TimeProvider time)
    {
        _time = time;
        string path = Path.GetFullPath(options.Value.DatabasePath, environment.ContentRootPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        DatabasePath = path;
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc/>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        SqliteConnection writer = await WriterAsync(cancellationToken);
        await ExecuteAsync(writer, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS schools (
                school TEXT PRIMARY KEY,
                credential_key BLOB NOT NULL,
                created_utc TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS lockers (
                school TEXT NOT NULL REFERENCES schools (school),
                locker TEXT NOT NULL,
                device_key BLOB NOT NULL,
                created_utc TEXT NOT NULL,
                status TEXT,
                status_utc TEXT,
                acked_seq INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (school, locker));
            CREATE TABLE IF NOT EXISTS events (
                id INTEGER PRIMARY KEY,
                school TEXT NOT NULL,
                locker TEXT NOT NULL,
                boot INTEGER NOT NULL,
                seq INTEGER NOT NULL,
                type TEXT NOT NULL,
                compartment INTEGER NOT NULL,
                credential TEXT NOT NULL,
                subject TEXT NOT NULL,
                device_utc TEXT NOT NULL,
                time_synced INTEGER NOT NULL,
                uptime_ms INTEGER NOT NULL,
                received_utc TEXT NOT NULL,
                payload TEXT NOT NULL,
                UNIQUE (school, locker, boot, seq),
                UNIQUE (school, locker, seq));
            CREATE TABLE IF NOT EXISTS custody (
                school TEXT NOT NULL,
                locker TEXT NOT NULL,
                compartment INTEGER NOT NULL,
                credential TEXT NOT NULL,
                since_utc TEXT NOT NULL,
                seq INTEGER NOT NULL,
                PRIMARY KEY (school, locker, compartment));
            CREATE TABLE IF NOT EXISTS quarantine (
                id INTEGER PRIMARY KEY,
                received_utc TEXT NOT NULL,
                topic TEXT NOT NULL,
                reason TEXT NOT NULL,
                payload BLOB NOT NULL,
                payload_bytes INTEGER NOT NULL);
            """, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<byte[]> EnsureSchoolAsync(string school, byte[] credentialKey, CancellationToken cancellationToken) =>
        InsertOrGetKeyAsync(
            """
            INSERT INTO schools (school, credential_key, created_utc) VALUES ($school, $key, $now) ON CONFLICT DO NOTHING;
            SELECT credential_key FROM schools WHERE school = $school;
            """,
            school,
            null,
            credentialKey,
            cancellationToken);

    /// <inheritdoc/>
    public Task<byte[]> EnsureLockerAsync(string school, string locker, byte[] deviceKey, CancellationToken cancellationToken) =>
        InsertOrGetKeyAsync(
            """
            INSERT INTO lockers (school, locker, device_key, created_utc) VALUES ($school, $locker, $key, $now) ON CONFLICT DO NOTHING;
            SELECT device_key FROM lockers WHERE school = $school AND locker = $locker;
            """,
            school,
            locker,
            deviceKey,
            cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<(string School, string Locker, byte[] Key)>> GetLockerKeysAsync(CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT school, locker, device_key FROM lockers";
        var rows = new List<(string, string, byte[])>();
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), (byte[])reader.GetValue(2)));
        }

        return rows;
    }

    /// <inheritdoc/>
    public async Task<CommitResult> CommitAsync(IReadOnlyList<VerifiedMessage> batch, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            SqliteConnection writer = await WriterAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await writer.BeginTransactionAsync(cancellationToken);
            using var writeBatch = new SqliteBatchWriter(writer, transaction);
            foreach (VerifiedMessage message in batch)
            {
                writeBatch.Apply(message);
            }

            IReadOnlyList<AckPoint> acks = writeBatch.AdvanceAckPoints();
            await transaction.CommitAsync(cancellationToken);
            return new CommitResult(writeBatch.Stored, writeBatch.Duplicates, writeBatch.RejectedReasons, acks);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<CustodyItem>> GetCustodyAsync(string? school, CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT school, locker, compartment, credential, since_utc, seq FROM custody
            WHERE $school IS NULL OR school = $school
            ORDER BY school, locker, compartment
            """;
        command.Parameters.AddWithValue("$school", (object?)school ?? DBNull.Value);
        var items = new List<CustodyItem>();
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new CustodyItem(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.GetString(3),
                DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
                reader.GetInt64(5)));
        }

        return items;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<QuarantinedMessage>> GetQuarantineAsync(int limit, CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, received_utc, topic, reason, payload_bytes, substr(payload, 1, $preview) FROM quarantine
            ORDER BY id DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$preview", PreviewCharacters);
        command.Parameters.AddWithValue("$limit", limit);
        var items = new List<QuarantinedMessage>();
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            byte[] preview = (byte[])reader.GetValue(5);
            items.Add(new QuarantinedMessage(
                reader.GetInt64(0),
                DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt32(4),
                Encoding.UTF8.GetString(preview)));
        }

        return items;
    }

    /// <inheritdoc/>
    public async Task<(long Count, long Distinct, long Min, long Max)> GetEventSummaryAsync(string school, string locker, CancellationToken cancellationToken)
    {
        await using SqliteConnection connection = await OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*), count(DISTINCT seq), coalesce(min(seq), 0), coalesce(max(seq), 0)
            FROM events WHERE school = $school AND locker = $locker
            """;
        command.Parameters.AddWithValue("$school", school);
        command.Parameters.AddWithValue("$locker", locker);
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _writer?.Dispose();
        _writeGate.Dispose();
    }

    /// <summary>
    /// Cuts a payload to what quarantine keeps.
    /// </summary>
    /// <param name="payload">The payload.</param>
    /// <returns>At most 64 KiB of it.</returns>
    internal static byte[] Truncate(byte[] payload) => payload.Length <= MaxQuarantinedBytes ? payload : payload[..MaxQuarantinedBytes];

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<byte[]> InsertOrGetKeyAsync(string sql, string school, string? locker, byte[] key, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            SqliteConnection writer = await WriterAsync(cancellationToken);
            await using SqliteCommand command = writer.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$school", school);
            command.Parameters.AddWithValue("$locker", (object?)locker ?? DBNull.Value);
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            return (byte[])(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<SqliteConnection> WriterAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            _writer = await OpenAsync(cancellationToken);
        }

        return _writer;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;", cancellationToken);
        return connection;
    }
}
