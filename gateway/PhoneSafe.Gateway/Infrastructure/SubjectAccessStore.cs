using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// Gathers everything held about one person across the stores (<see cref="SubjectAccessExport"/>).
/// </summary>
/// <param name="database">The database (events and audit lines).</param>
/// <param name="people">People and cards.</param>
/// <param name="sessions">Custody sessions.</param>
/// <param name="flags">Flags and their history.</param>
/// <param name="exceptions">Exceptions and parent notices.</param>
/// <param name="calendars">Timetables.</param>
/// <param name="registry">Compartment reservations.</param>
/// <param name="users">Accounts.</param>
/// <param name="retention">Pupil phone records kept past the ledger.</param>
/// <param name="time">The clock.</param>
public sealed class SubjectAccessStore(
    IDatabase database,
    PeopleStore people,
    CustodySessionStore sessions,
    FlagStore flags,
    ExceptionStore exceptions,
    CalendarStore calendars,
    LockerRegistryStore registry,
    UserStore users,
    RetentionStore retention,
    TimeProvider time)
{
    /// <summary>
    /// Formats the audit detail that marks a line as being about a person's record (matched by the export).
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">The person.</param>
    /// <returns>"school=…; person=…".</returns>
    public static string AuditDetail(string school, string personId) => $"school={school}; person={personId}";

    /// <summary>
    /// Tells whether an audit line is about a person of a school: its detail names the school and the person as
    /// <c>person=</c>, <c>pupil=</c> or <c>staff=</c> (the keys pages and the API use for people).
    /// </summary>
    /// <param name="detail">The audit line's detail.</param>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">The person.</param>
    /// <returns>true when the line belongs in the person's export.</returns>
    public static bool IsAbout(string detail, string school, string personId)
    {
        string[] parts = detail.Split(';', StringSplitOptions.TrimEntries);
        return parts.Contains("school=" + school)
            && (parts.Contains("person=" + personId) || parts.Contains("pupil=" + personId) || parts.Contains("staff=" + personId));
    }

    /// <summary>
    /// Exports a person's data.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">The person.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The export, or null when nothing at all is held about that person.</returns>
    public async Task<SubjectAccessExport?> ExportAsync(string school, string personId, CancellationToken cancellationToken)
    {
        Person? person = await people.FindAsync(school, personId, cancellationToken);
        IReadOnlyList<CredentialInfo> credentials = await people.ListCredentialsAsync(school, personId, cancellationToken);
        HashSet<string> hashes = [.. credentials.Select(c => c.Credential)];
        List<StoredEvent> events = await database.QueryAsync(
            $"""
            SELECT e.id, e.school, e.locker, e.boot, e.seq, e.type, e.compartment, e.credential, e.subject, e.device_utc, e.time_synced, e.received_utc, {LedgerStore.ClockSetBack}
            FROM events e
            WHERE e.school = @school AND (
                e.credential IN (SELECT credential FROM credentials WHERE school = @school AND person_id = @person)
                OR e.subject IN (SELECT credential FROM credentials WHERE school = @school AND person_id = @person))
            ORDER BY e.chain_index
            """,
            [("@school", school), ("@person", personId)],
            r => new StoredEvent(
                r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4), r.GetString(5), r.GetInt32(6), r.GetString(7), r.GetString(8),
                StoredTime.Parse(r.GetString(9)), r.GetInt64(10) != 0, StoredTime.Parse(r.GetString(11)), r.GetInt64(12) != 0),
            cancellationToken);

        var flagged = new List<FlagWithHistory>();
        foreach (Flag flag in await flags.ListAsync(school, new FlagFilter(PersonId: personId, Limit: int.MaxValue), cancellationToken))
        {
            flagged.Add(new FlagWithHistory(flag, await flags.GetHistoryAsync(flag.Id, cancellationToken)));
        }

        List<AuditEntry> audit = await database.QueryAsync(
            "SELECT id, at_utc, user_name, action, detail, remote FROM audit_log WHERE detail LIKE @pattern ORDER BY id",
            [("@pattern", "%=" + personId + "%")],
            r => new AuditEntry(r.GetInt64(0), StoredTime.Parse(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5)),
            cancellationToken);
        audit = [.. audit.Where(a => IsAbout(a.Detail, school, personId))];

        var export = new SubjectAccessExport(
            school,
            personId,
            time.GetUtcNow(),
            person,
            credentials,
            events,
            await sessions.ListAsync(school, personId, null, null, cancellationToken),
            await retention.ListPupilRecordsAsync(school, hashes, cancellationToken),
            flagged,
            await exceptions.ListAsync(school, null, personId, null, cancellationToken),
            await exceptions.ListNoticesAsync(school, personId, cancellationToken),
            await calendars.GetTimetableAsync(school, personId, cancellationToken),
            [.. (await registry.ListAssignmentsAsync(school, null, cancellationToken)).Where(a => a.PersonId == personId)],
            [.. (await users.ListAsync(school, cancellationToken)).Where(u => u.PersonId == personId)],
            audit);
        bool empty = person is null && credentials.Count == 0 && events.Count == 0 && flagged.Count == 0 && export.Exceptions.Count == 0
            && export.ParentNotices.Count == 0 && export.PupilPhoneRecords.Count == 0 && export.Timetable.Count == 0 && export.Accounts.Count == 0;
        return empty ? null : export;
    }
}
