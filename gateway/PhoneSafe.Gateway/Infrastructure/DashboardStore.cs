using System.Data.Common;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// Read queries the dashboard needs over the ledger (latest door state per compartment, office custody with the
/// pupil, staff deposits for compliance), and the office console's release records (table <c>office_releases</c>).
/// Kept apart from <see cref="LedgerStore"/> so the ledger's write path is untouched.
/// </summary>
/// <param name="database">The database.</param>
/// <param name="time">The clock for recording times.</param>
public sealed class DashboardStore(IDatabase database, TimeProvider time) : ISchemaInitializer
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS office_releases (
            id {id},
            school TEXT NOT NULL,
            pupil_id TEXT NOT NULL,
            locker TEXT NOT NULL,
            compartment INTEGER NOT NULL,
            intake_seq BIGINT NOT NULL,
            early INTEGER NOT NULL,
            reason TEXT,
            by_whom TEXT NOT NULL,
            at_utc TEXT NOT NULL,
            UNIQUE (school, locker, intake_seq));
        """;

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken) => database.CreateSchemaAsync(Schema, cancellationToken);

    /// <summary>
    /// Reads the latest door or custody event of every compartment of a school.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>One row per compartment that has ever reported.</returns>
    public Task<List<CompartmentEvent>> GetLatestCompartmentEventsAsync(string school, CancellationToken cancellationToken) =>
        database.QueryAsync(
            $"""
            SELECT e.locker, e.compartment, e.type, e.device_utc, e.time_synced * (1 - {LedgerStore.ClockSetBack}), e.received_utc FROM events e
            JOIN (SELECT max(id) AS id FROM events
                  WHERE school = @school AND compartment > 0
                    AND type IN ({EventTypeSql.Compartment}, {EventTypeSql.Literals(PhoneSafe.Firmware.Core.Protocol.EventType.FaultCleared, GatewayRecord.ReconciledType)})
                  GROUP BY locker, compartment) latest ON latest.id = e.id
            ORDER BY e.locker, e.compartment
            """,
            [("@school", school)],
            r => new CompartmentEvent(r.GetString(0), r.GetInt32(1), r.GetString(2), DeviceClock.Placed(r.GetInt64(4) != 0, StoredTime.Parse(r.GetString(3)), StoredTime.Parse(r.GetString(5)))),
            cancellationToken);

    /// <summary>
    /// Reads the pupil phones in custody now: custody rows whose deposit was an office intake (an event with a subject).
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Oldest first.</returns>
    public Task<List<OfficeHolding>> GetOfficeHoldingsAsync(string school, CancellationToken cancellationToken) =>
        database.QueryAsync(
            """
            SELECT c.locker, c.compartment, e.subject, c.credential, c.since_utc, c.seq FROM custody c
            JOIN events e ON e.school = c.school AND e.locker = c.locker AND e.seq = c.seq
            WHERE c.school = @school AND e.subject <> ''
            ORDER BY c.since_utc, c.locker, c.compartment
            """,
            [("@school", school)],
            r => new OfficeHolding(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), StoredTime.Parse(r.GetString(4)), r.GetInt64(5)),
            cancellationToken);

    /// <summary>
    /// Reads staff deposits and retrievals (not office intakes) of a school received in a period, with their owners.
    /// Driven from the staff's credentials through ix_events_credential, so pupils' events are never read.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="fromUtc">Received at or after.</param>
    /// <param name="toUtc">Received before.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Events of credentials linked to a member of staff, in stored order.</returns>
    public Task<List<StaffCustodyEvent>> GetStaffCustodyEventsAsync(string school, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancellationToken) =>
        database.QueryAsync(
            $"""
            SELECT c.person_id, e.type, e.device_utc, e.time_synced * (1 - {LedgerStore.ClockSetBack}), e.received_utc, e.id FROM events e
            JOIN credentials c ON c.school = e.school AND c.credential = e.credential
            WHERE e.school = @school AND e.subject = '' AND e.type IN ({EventTypeSql.Custody})
              AND e.credential IN (SELECT s.credential FROM credentials s JOIN people p ON p.school = s.school AND p.person_id = s.person_id
                                   WHERE s.school = @school AND p.kind = 'staff')
              AND e.received_utc >= @from AND e.received_utc < @to
            ORDER BY e.id
            """,
            [("@school", school), ("@from", StoredTime.Format(fromUtc)), ("@to", StoredTime.Format(toUtc))],
            r => new StaffCustodyEvent(r.GetString(0), r.GetString(1), DeviceClock.Placed(r.GetInt64(3) != 0, StoredTime.Parse(r.GetString(2)), StoredTime.Parse(r.GetString(4))), r.GetInt64(5)),
            cancellationToken);

    /// <summary>
    /// Records a release at the office console. A second record for the same intake is ignored.
    /// </summary>
    /// <param name="release">The release (id and time are assigned here).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>true when recorded; false when that intake already had a release recorded.</returns>
    public async Task<bool> RecordReleaseAsync(OfficeRelease release, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await database.OpenAsync(cancellationToken);
        await using DbCommand insert = connection.Command(
            """
            INSERT INTO office_releases (school, pupil_id, locker, compartment, intake_seq, early, reason, by_whom, at_utc)
            VALUES (@school, @pupil, @locker, @compartment, @seq, @early, @reason, @by, @at)
            ON CONFLICT (school, locker, intake_seq) DO NOTHING
            """,
            null,
            ("@school", release.School),
            ("@pupil", release.PupilId),
            ("@locker", release.Locker),
            ("@compartment", release.Compartment),
            ("@seq", release.IntakeSequence),
            ("@early", release.Early ? 1 : 0),
            ("@reason", release.Reason),
            ("@by", release.By),
            ("@at", StoredTime.Format(time.GetUtcNow())));
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Lists releases recorded since a time.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="sinceUtc">Recorded at or after.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Newest first.</returns>
    public Task<List<OfficeRelease>> ListReleasesAsync(string school, DateTimeOffset sinceUtc, CancellationToken cancellationToken) =>
        database.QueryAsync(
            """
            SELECT id, school, pupil_id, locker, compartment, intake_seq, early, reason, by_whom, at_utc FROM office_releases
            WHERE school = @school AND at_utc >= @since ORDER BY id DESC
            """,
            [("@school", school), ("@since", StoredTime.Format(sinceUtc))],
            r => new OfficeRelease(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetInt64(5), r.GetInt64(6) != 0, r.NullableString(7), r.GetString(8), StoredTime.Parse(r.GetString(9))),
            cancellationToken);
}
