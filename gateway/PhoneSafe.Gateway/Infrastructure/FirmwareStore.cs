using System.Data.Common;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// Uploaded firmware images and each locker's firmware: the version it reports running and its update's progress.
/// </summary>
/// <param name="database">The database.</param>
/// <param name="time">The clock.</param>
public sealed class FirmwareStore(IDatabase database, TimeProvider time) : ISchemaInitializer
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS firmware_releases (
            school TEXT NOT NULL,
            version TEXT NOT NULL,
            size_bytes INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            assemblies TEXT NOT NULL,
            image {bytes} NOT NULL,
            uploaded_by TEXT NOT NULL,
            uploaded_utc TEXT NOT NULL,
            PRIMARY KEY (school, version));
        CREATE TABLE IF NOT EXISTS locker_firmware (
            school TEXT NOT NULL,
            locker TEXT NOT NULL,
            running TEXT,
            target TEXT,
            pilot INTEGER NOT NULL DEFAULT 0,
            state TEXT NOT NULL,
            received INTEGER NOT NULL DEFAULT 0,
            chunks INTEGER NOT NULL DEFAULT 0,
            reason TEXT,
            updated_utc TEXT NOT NULL,
            PRIMARY KEY (school, locker));
        """;

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken) => database.CreateSchemaAsync(Schema, cancellationToken);

    /// <summary>
    /// Stores an uploaded image.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="release">What it is.</param>
    /// <param name="image">The image.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>false when the school already has this version.</returns>
    public async Task<bool> AddReleaseAsync(string school, FirmwareRelease release, byte[] image, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            """
            INSERT INTO firmware_releases (school, version, size_bytes, sha256, assemblies, image, uploaded_by, uploaded_utc)
            VALUES (@school, @version, @size, @sha, @assemblies, @image, @by, @utc)
            ON CONFLICT (school, version) DO NOTHING
            """,
            null,
            ("@school", school),
            ("@version", release.Version),
            ("@size", release.SizeBytes),
            ("@sha", release.Sha256),
            ("@assemblies", string.Join(',', release.Assemblies)),
            ("@image", image),
            ("@by", release.UploadedBy),
            ("@utc", StoredTime.Format(release.UploadedUtc)));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Lists a school's uploaded images, newest first.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The releases.</returns>
    public async Task<IReadOnlyList<FirmwareRelease>> ListReleasesAsync(string school, CancellationToken cancellationToken) =>
        await database.QueryAsync(
            "SELECT version, size_bytes, sha256, assemblies, uploaded_by, uploaded_utc FROM firmware_releases WHERE school = @school ORDER BY uploaded_utc DESC",
            [("@school", school)],
            r => new FirmwareRelease(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3).Split(','), r.GetString(4), StoredTime.Parse(r.GetString(5))),
            cancellationToken);

    /// <summary>
    /// Reads an uploaded image.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="version">Firmware version.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The image and the SHA-256 recorded at upload, or null when there is none of that version.</returns>
    public async Task<(byte[] Image, string Sha256)?> ReadImageAsync(string school, string version, CancellationToken cancellationToken) =>
        (await database.QueryAsync(
            "SELECT image, sha256 FROM firmware_releases WHERE school = @school AND version = @version",
            [("@school", school), ("@version", version)],
            r => ((byte[] Image, string Sha256)?)((byte[])r.GetValue(0), r.GetString(1)),
            cancellationToken)).FirstOrDefault();

    /// <summary>
    /// Lists every locker's firmware of a school that has reported or been chosen.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>By locker.</returns>
    public async Task<IReadOnlyList<LockerFirmware>> ListAsync(string school, CancellationToken cancellationToken) =>
        await database.QueryAsync(
            "SELECT locker, running, target, state, received, chunks, reason, updated_utc FROM locker_firmware WHERE school = @school ORDER BY locker",
            [("@school", school)],
            Read,
            cancellationToken);

    /// <summary>
    /// Reads one locker's firmware.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Its row and whether it is a rollout's pilot, or null when it never reported nor was chosen.</returns>
    public async Task<(LockerFirmware Firmware, bool Pilot)?> GetAsync(string school, string locker, CancellationToken cancellationToken) =>
        (await database.QueryAsync(
            "SELECT locker, running, target, state, received, chunks, reason, updated_utc, pilot FROM locker_firmware WHERE school = @school AND locker = @locker",
            [("@school", school), ("@locker", locker)],
            r => ((LockerFirmware Firmware, bool Pilot)?)(Read(r), r.GetInt64(8) != 0),
            cancellationToken)).FirstOrDefault();

    /// <summary>
    /// Puts lockers in a rollout: the pilot to be sent at once, the others waiting.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="version">The version to install.</param>
    /// <param name="chunks">Its chunk count.</param>
    /// <param name="lockers">The lockers; the first is the pilot.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task StartRolloutAsync(string school, string version, int chunks, IReadOnlyList<string> lockers, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        for (int i = 0; i < lockers.Count; i++)
        {
            await using DbCommand command = connection.Command(
                """
                INSERT INTO locker_firmware (school, locker, target, pilot, state, received, chunks, reason, updated_utc)
                VALUES (@school, @locker, @target, @pilot, @state, 0, @chunks, NULL, @utc)
                ON CONFLICT (school, locker) DO UPDATE SET target = excluded.target, pilot = excluded.pilot, state = excluded.state,
                    received = 0, chunks = excluded.chunks, reason = NULL, updated_utc = excluded.updated_utc
                """,
                transaction,
                ("@school", school),
                ("@locker", lockers[i]),
                ("@target", version),
                ("@pilot", i == 0 ? 1 : 0),
                ("@state", i == 0 ? FirmwareStates.Sending : FirmwareStates.Waiting),
                ("@chunks", chunks),
                ("@utc", Now()));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Records the version a locker reported running and moves its update from the state it was read in to the next;
    /// when a rollout changed the state meanwhile, only the version is recorded.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="running">The version it runs.</param>
    /// <param name="from">The <see cref="FirmwareStates"/> value read before (<see cref="FirmwareStates.None"/> without a row).</param>
    /// <param name="to">The new state.</param>
    /// <param name="received">Chunks of the target it holds.</param>
    /// <param name="reason">Why it failed, or null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task RecordAsync(string school, string locker, string running, string from, string to, int received, string? reason, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            """
            INSERT INTO locker_firmware (school, locker, running, state, updated_utc) VALUES (@school, @locker, @running, @to, @utc)
            ON CONFLICT (school, locker) DO UPDATE SET running = excluded.running,
                received = CASE WHEN locker_firmware.state = @from THEN @received ELSE locker_firmware.received END,
                reason = CASE WHEN locker_firmware.state = @from THEN @reason ELSE locker_firmware.reason END,
                updated_utc = CASE WHEN locker_firmware.state = @from THEN excluded.updated_utc ELSE locker_firmware.updated_utc END,
                state = CASE WHEN locker_firmware.state = @from THEN excluded.state ELSE locker_firmware.state END
            """,
            null,
            ("@school", school),
            ("@locker", locker),
            ("@running", running),
            ("@from", from),
            ("@to", to),
            ("@received", received),
            ("@reason", reason),
            ("@utc", Now()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Moves every locker of a rollout still waiting to another state (sending once the pilot is confirmed, cancelled
    /// when it failed).
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="version">The rollout's version.</param>
    /// <param name="state">The new state.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The lockers moved.</returns>
    public async Task<IReadOnlyList<string>> ReleaseWaitingAsync(string school, string version, string state, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        (string Name, object? Value)[] keys = [("@school", school), ("@version", version), ("@waiting", FirmwareStates.Waiting)];
        List<string> lockers = await connection.QueryAsync(
            "SELECT locker FROM locker_firmware WHERE school = @school AND target = @version AND state = @waiting",
            transaction,
            keys,
            r => r.GetString(0),
            cancellationToken);
        await using DbCommand command = connection.Command(
            "UPDATE locker_firmware SET state = @state, updated_utc = @utc WHERE school = @school AND target = @version AND state = @waiting",
            transaction,
            [.. keys, ("@state", state), ("@utc", Now())]);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return lockers;
    }

    private static LockerFirmware Read(DbDataReader r) =>
        new(r.GetString(0), r.NullableString(1), r.NullableString(2), r.GetString(3), r.GetInt32(4), r.GetInt32(5), r.NullableString(6), StoredTime.Parse(r.GetString(7)));

    private string Now() => StoredTime.Format(time.GetUtcNow());
}
