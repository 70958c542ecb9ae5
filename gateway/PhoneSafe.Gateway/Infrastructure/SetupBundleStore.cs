using System.Data.Common;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Provisioning;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// The setup bundles issued for lockers: who issued which, when it expires, and whether the locker has joined since
/// (its first status message after the bundle was issued). Neither the bundle nor its code is kept.
/// </summary>
/// <param name="database">The database.</param>
public sealed class SetupBundleStore(IDatabase database) : ISchemaInitializer
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS setup_bundles (
            bundle_id TEXT PRIMARY KEY,
            school TEXT NOT NULL,
            locker TEXT NOT NULL,
            issued_by TEXT NOT NULL,
            issued_utc TEXT NOT NULL,
            expires_utc TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS setup_bundles_locker ON setup_bundles (school, locker);
        """;

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken) => database.CreateSchemaAsync(Schema, cancellationToken);

    /// <summary>
    /// Records an issued bundle.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="bundle">The bundle.</param>
    /// <param name="issuedBy">The account (or "command-line") that issued it.</param>
    /// <param name="issuedUtc">When.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task RecordAsync(string school, IssuedSetupBundle bundle, string issuedBy, DateTimeOffset issuedUtc, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand command = connection.Command(
            """
            INSERT INTO setup_bundles (bundle_id, school, locker, issued_by, issued_utc, expires_utc)
            VALUES (@id, @school, @locker, @by, @issued, @expires)
            """,
            null,
            ("@id", bundle.BundleId),
            ("@school", school),
            ("@locker", bundle.Locker),
            ("@by", issuedBy),
            ("@issued", StoredTime.Format(issuedUtc)),
            ("@expires", StoredTime.Format(bundle.ExpiresUtc)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Lists a school's bundles, newest first, with whether each locker has reported since.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The bundles.</returns>
    public async Task<IReadOnlyList<SetupBundleRecord>> ListAsync(string school, CancellationToken cancellationToken) =>
        await database.QueryAsync(
            """
            SELECT b.bundle_id, b.locker, b.issued_by, b.issued_utc, b.expires_utc, l.status_utc
            FROM setup_bundles b
            LEFT JOIN lockers l ON l.school = b.school AND l.locker = b.locker
            WHERE b.school = @school
            ORDER BY b.issued_utc DESC, b.locker
            """,
            [("@school", school)],
            r =>
            {
                DateTimeOffset issued = StoredTime.Parse(r.GetString(3));
                DateTimeOffset? seen = r.IsDBNull(5) ? null : StoredTime.Parse(r.GetString(5));
                return new SetupBundleRecord(r.GetString(0), r.GetString(1), r.GetString(2), issued, StoredTime.Parse(r.GetString(4)), seen > issued ? seen : null);
            },
            cancellationToken);

    /// <summary>
    /// Tells whether a locker has ever reported to the gateway (it is set up and in service).
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>true when it has.</returns>
    public async Task<bool> HasReportedAsync(string school, string locker, CancellationToken cancellationToken) =>
        (await database.QueryAsync(
            "SELECT 1 FROM lockers WHERE school = @school AND locker = @locker AND status_utc IS NOT NULL",
            [("@school", school), ("@locker", locker)],
            r => true,
            cancellationToken)).Count > 0;
}
