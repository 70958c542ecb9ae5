using System.Data.Common;
using System.Globalization;

namespace PhoneSafe.Gateway.Infrastructure.Database;

/// <summary>
/// Brings the database up to date: every registered store's tables (schema version 1, in registration order), then
/// each step of <see cref="SchemaMigrations"/> the database has not had yet, each in its own transaction with its row
/// in <c>schema_version</c>. The one schema start-up used by the service (<see cref="Services.DatabaseInitializer"/>)
/// and by every command-line verb. Gateways starting together on one PostgreSQL database take turns (advisory lock).
/// </summary>
/// <param name="database">The database.</param>
/// <param name="schemas">Every store that owns tables.</param>
/// <param name="time">The clock for <c>applied_utc</c>.</param>
/// <param name="signer">Signs the checkpoints already stored, in the step that introduced signatures.</param>
/// <param name="logger">Logs each step applied.</param>
public sealed class DatabaseSchema(IDatabase database, IEnumerable<ISchemaInitializer> schemas, TimeProvider time, CheckpointSigner signer, ILogger<DatabaseSchema> logger)
{
    private const string VersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER PRIMARY KEY,
            description TEXT NOT NULL,
            applied_utc TEXT NOT NULL);
        """;

    /// <summary>
    /// Creates missing tables and runs every migration step not yet applied.
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public Task InitializeAsync(CancellationToken cancellationToken) => InitializeAsync(SchemaMigrations.Latest, cancellationToken);

    /// <summary>
    /// Creates missing tables and runs the migration steps up to a version (tests build older databases with it).
    /// </summary>
    /// <param name="version">The version to reach (1 for the stores' original tables only).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task InitializeAsync(int version, CancellationToken cancellationToken)
    {
        foreach (ISchemaInitializer schema in schemas)
        {
            await schema.InitializeAsync(cancellationToken);
        }

        await database.CreateSchemaAsync(VersionTable, cancellationToken);
        foreach (SchemaMigration step in SchemaMigrations.Steps.Where(s => s.Version <= version))
        {
            await using DbConnection connection = await database.OpenAsync(cancellationToken);
            await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (DbCommand lockSchema = connection.Command(database.Dialect.SchemaLock + "SELECT 1", transaction))
            {
                await lockSchema.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (DbCommand current = connection.Command("SELECT COALESCE(MAX(version), 1) FROM schema_version", transaction))
            {
                if (Convert.ToInt32(await current.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) >= step.Version)
                {
                    continue;
                }
            }

            string applied = StoredTime.Format(time.GetUtcNow());
            if (step.Sql.Length > 0)
            {
                await using DbCommand apply = connection.Command(database.Dialect.Render(step.Sql), transaction);
                await apply.ExecuteNonQueryAsync(cancellationToken);
            }

            if (step.SignsExistingCheckpoints)
            {
                foreach ((string school, long index) in await signer.SignUnsignedAsync(connection, transaction, applied, cancellationToken))
                {
                    logger.LogWarning("Ledger checkpoint {School}/{ChainIndex}, made before checkpoints were signed, signed now with the gateway's key: check it was made by a retention purge", school, index);
                }
            }

            await using (DbCommand record = connection.Command(
                "INSERT INTO schema_version (version, description, applied_utc) VALUES (@version, @description, @applied)",
                transaction,
                ("@version", step.Version),
                ("@description", step.Description),
                ("@applied", applied)))
            {
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Database schema upgraded to version {Version}: {Description}", step.Version, step.Description);
        }
    }

    /// <summary>
    /// Reads the database's schema version.
    /// </summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The version (1 for a database from before versioning).</returns>
    public async Task<int> GetVersionAsync(CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand current = connection.Command("SELECT COALESCE(MAX(version), 1) FROM schema_version");
        return Convert.ToInt32(await current.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
