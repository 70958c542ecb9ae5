using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Enrolment;
using PhoneSafe.Gateway.Import;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Simulator.Provisioning;
using PhoneSafe.Simulator.Scenarios;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// Sets up a simulated school through the real path (locker registration, CSV import, card enrolment, calendar and
/// exception stores) and writes the provisioning file the simulator reads. For demonstration and test schools only:
/// the cards it enrols are simulated (<see cref="SimulatedCards"/>), never real ones.
/// </summary>
/// <param name="directory">Locker keys.</param>
/// <param name="registry">Locker units.</param>
/// <param name="importer">People import.</param>
/// <param name="people">People and credentials.</param>
/// <param name="enrolment">Card enrolment.</param>
/// <param name="calendars">School calendars.</param>
/// <param name="exceptions">Recorded exceptions.</param>
public sealed class SimulatedSchoolSetup(
    LockerDirectory directory,
    LockerRegistryStore registry,
    PeopleImporter importer,
    PeopleStore people,
    CardEnrolment enrolment,
    CalendarStore calendars,
    ExceptionStore exceptions)
{
    private const string RecordedBy = "simulator";

    /// <summary>
    /// Registers the generated school's lockers, imports its staff and pupils (full imports), enrols simulated cards
    /// and returns the provisioning file. Running it again changes nothing.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="size">School size.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Lockers, keys and people with their simulated cards.</returns>
    public async Task<SimulationFile> CreateAsync(string school, SchoolSize size, CancellationToken cancellationToken)
    {
        foreach ((string id, string kind, int compartments) in SchoolGenerator.Lockers(size))
        {
            await directory.ProvisionAsync(school, id, cancellationToken);
            await registry.RegisterAsync(school, id, kind, compartments, cancellationToken);
        }

        await importer.ImportAsync(school, PersonKind.Staff, SchoolGenerator.StaffCsv(size), full: true, cancellationToken);
        if (size.Pupils > 0)
        {
            await importer.ImportAsync(school, PersonKind.Pupil, SchoolGenerator.PupilCsv(size), full: true, cancellationToken);
        }

        await EnrolSimulatedCardsAsync(school, cancellationToken);
        return await ExportAsync(school, cancellationToken);
    }

    /// <summary>
    /// Enrols a simulated card for every active person of the school who has no card.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>How many cards were enrolled.</returns>
    public async Task<int> EnrolSimulatedCardsAsync(string school, CancellationToken cancellationToken)
    {
        HashSet<string> holders = [.. (await people.ListActiveCredentialsAsync(school, cancellationToken)).Select(c => c.Person.PersonId)];
        int enrolled = 0;
        foreach (Person person in await people.ListAsync(school, null, cancellationToken))
        {
            if (!holders.Contains(person.PersonId))
            {
                await enrolment.EnrolAsync(school, person.PersonId, Convert.ToHexString(SimulatedCards.Uid(school, person.PersonId)), cancellationToken);
                enrolled++;
            }
        }

        return enrolled;
    }

    /// <summary>
    /// The provisioning file of a school: every registered unit with its device key, the credential key, and the
    /// active people whose enrolled card is their simulated one (people with real cards are left out).
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The file's content.</returns>
    /// <exception cref="InvalidOperationException">The school has no registered locker.</exception>
    public async Task<SimulationFile> ExportAsync(string school, CancellationToken cancellationToken)
    {
        IReadOnlyList<(string Locker, string Kind, int Compartments)> units = await registry.ListUnitsAsync(school, cancellationToken);
        if (units.Count == 0)
        {
            throw new InvalidOperationException($"school {school} has no registered locker");
        }

        var lockers = new List<SimulatedLocker>();
        byte[] credentialKey = [];
        foreach ((string locker, string kind, int compartments) in units)
        {
            (byte[] deviceKey, credentialKey) = await directory.ProvisionAsync(school, locker, cancellationToken);
            lockers.Add(new SimulatedLocker(locker, kind, compartments, Hex.Encode(deviceKey)));
        }

        HashSet<string> credentials = [.. (await people.ListActiveCredentialsAsync(school, cancellationToken)).Select(c => c.Credential)];
        var simulated = new List<SimulatedPerson>();
        foreach (Person person in await people.ListAsync(school, null, cancellationToken))
        {
            byte[] uid = SimulatedCards.Uid(school, person.PersonId);
            if (credentials.Contains(CredentialHash.Compute(credentialKey, uid)))
            {
                simulated.Add(new SimulatedPerson(person.PersonId, person.DisplayName, person.Kind, Convert.ToHexString(uid), person.Office, person.Slt));
            }
        }

        return new SimulationFile(school, Hex.Encode(credentialKey), lockers, simulated);
    }

    /// <summary>
    /// Stores the calendar a scenario assumes: one term of 60 days either side of the date, Monday to Friday with
    /// the scenario's contact windows and home-time. Replaces the school's calendar.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="scenario">The scenario (its time zone and calendar).</param>
    /// <param name="date">The day the scenario runs.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public Task ApplyCalendarAsync(string school, Scenario scenario, DateOnly date, CancellationToken cancellationToken)
    {
        ScenarioCalendar calendar = scenario.Calendar ?? new ScenarioCalendar();
        List<TimeWindow> windows = [.. calendar.Contact.Select(w => new TimeWindow(TimeOnly.Parse(w[..5], System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(w[6..], System.Globalization.CultureInfo.InvariantCulture)))];
        TimeOnly homeTime = TimeOnly.Parse(calendar.HomeTime, System.Globalization.CultureInfo.InvariantCulture);
        var definition = new CalendarDefinition(
            scenario.TimeZone,
            [new Term("Simulated term", date.AddDays(-60), date.AddDays(60))],
            [],
            [.. Enumerable.Range(1, 5).Select(d => new DaySchedule(d, windows, homeTime))],
            CalendarDefinition.DefaultParentNoticeHours);
        return calendars.SaveAsync(school, definition, cancellationToken);
    }

    /// <summary>
    /// Records the scenario's exceptions for the date, unless already recorded.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="scenario">The scenario.</param>
    /// <param name="date">The day the scenario runs.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task ApplyExceptionsAsync(string school, Scenario scenario, DateOnly date, CancellationToken cancellationToken)
    {
        foreach (ScenarioException exception in scenario.Exceptions)
        {
            List<string> missing = [];
            foreach (string person in exception.People)
            {
                if ((await exceptions.ListAsync(school, exception.Kind, person, date, cancellationToken)).Count == 0)
                {
                    missing.Add(person);
                }
            }

            if (missing.Count > 0)
            {
                await exceptions.AddAsync(school, exception.Kind, missing, date, date, exception.ApprovedBy, exception.Kind == ExceptionKind.Trip ? exception.Name ?? exception.Reason : exception.Reason, RecordedBy, cancellationToken);
            }
        }
    }
}
