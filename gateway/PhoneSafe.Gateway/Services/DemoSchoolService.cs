using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Publishing;
using PhoneSafe.Simulator.Provisioning;
using PhoneSafe.Simulator.Scenarios;

namespace PhoneSafe.Gateway.Services;

/// <summary>
/// With <c>--demo</c>: sets up a demonstration school the way a real one is set up (lockers registered, staff and
/// pupils imported from CSV exports, cards enrolled, calendar and exceptions recorded, configurations published by
/// <see cref="LockerConfigPublisher"/>). On its first run it then plays <see cref="DemoOptions.HistoryWeeks"/> weeks of
/// school days before today (<see cref="DemoOptions.HistoryScenario"/>) as fast as it can, so that compliance, flags
/// and the office have a history, and reviews some of the history's flags as a member of SLT would have (explained,
/// breach, false alarm, under investigation; the rest left open). Then it plays a scenario (by default
/// <c>school-day</c>) on today's date (on a weekend the Friday before), over and over at <see cref="DemoOptions.Speed"/>,
/// with the policy evaluated on the lockers' virtual time (<see cref="DemoClock"/>). The lockers are virtual: the
/// real firmware core on virtual hardware, against the broker.
/// </summary>
/// <param name="options">Demo size and pace.</param>
/// <param name="mqtt">Broker address.</param>
/// <param name="setup">Sets up the simulated school.</param>
/// <param name="publisher">Publishes configurations.</param>
/// <param name="bus">The broker connection.</param>
/// <param name="flags">Flags, reviewed for the history.</param>
/// <param name="server">Tells the listening address.</param>
/// <param name="lifetime">Waits for the web server to start.</param>
/// <param name="time">The demo's clock (<see cref="DemoClock"/>), whose played time follows the lockers.</param>
/// <param name="environment">Content root (for the lockers' saved state).</param>
/// <param name="logger">Logger.</param>
public sealed class DemoSchoolService(
    IOptions<DemoOptions> options,
    IOptions<MqttOptions> mqtt,
    SimulatedSchoolSetup setup,
    LockerConfigPublisher publisher,
    ILockerBus bus,
    FlagStore flags,
    IServer server,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    IHostEnvironment environment,
    ILogger<DemoSchoolService> logger) : BackgroundService
{
    // The reviews given to the history's open flags in turn (null: left open), as an SLT member would have done.
    private static readonly (string? Status, string? Resolution, string Note)[] s_reviews =
    [
        (FlagStatus.Resolved, FlagResolution.Explained, "Spoke to them: a call from their child's school; they had told the Headteacher at the time."),
        (null, null, string.Empty),
        (FlagStatus.Resolved, FlagResolution.Breach, "Spoke to them and reminded them of the policy; noted on file."),
        (FlagStatus.UnderInvestigation, null, "Asked them for an account of what happened."),
        (FlagStatus.Resolved, FlagResolution.FalseAlarm, "Timetable error: they were not teaching that period. Timetable corrected."),
        (null, null, string.Empty),
    ];

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DemoOptions demo = options.Value;
        if (!demo.Enabled)
        {
            return;
        }

        var size = new SchoolSize(demo.Staff, demo.Pupils, demo.Lockers, OfficeLockers: 1, demo.CompartmentsPerLocker, demo.OfficeCompartments);
        SimulationFile school = await setup.CreateAsync(demo.School, size, stoppingToken);
        Scenario scenario = ScenarioLoader.Load(demo.Scenario);
        DateOnly today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(scenario.TimeZone)).DateTime);
        await setup.ApplyCalendarAsync(demo.School, scenario, today, stoppingToken);
        await setup.ApplyExceptionsAsync(demo.School, scenario, today, stoppingToken);
        string state = Path.Combine(environment.ContentRootPath, demo.StateDirectory, demo.School);
        bool firstRun = !Directory.Exists(state);
        while (!bus.IsConnected)
        {
            await Task.Delay(200, stoppingToken);
        }

        await publisher.PublishSchoolAsync(demo.School, force: true, stoppingToken);
        await WhenStartedAsync(stoppingToken);
        string address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        logger.LogInformation(
            "PhoneSafe demo: {Lockers} lockers, {Staff} staff and {Pupils} pupils at {School}. Today board: {Address}/today",
            school.Lockers.Count, demo.Staff, demo.Pupils, demo.School, address);
        if (!demo.RunLockers)
        {
            (time as DemoClock)?.RunInRealTime();
            logger.LogInformation("Demo lockers are not simulated here (DemoOptions:RunLockers false); drive them with phonesafe-sim and export-simulation {School}", demo.School);
            return;
        }

        // The runner blocks (it paces virtual time with sleeps), so it gets a thread of its own.
        if (firstRun && demo.HistoryWeeks > 0)
        {
            IReadOnlyList<DateOnly> days = HistoryDays(today, demo.HistoryWeeks);
            await OnOwnThreadAsync(() => PlayHistory(school, days, state, stoppingToken), stoppingToken);
            await ReviewHistoryAsync(school, TimeZoneInfo.FindSystemTimeZoneById(scenario.TimeZone), days[0], today, stoppingToken);
        }

        await OnOwnThreadAsync(() => PlayDays(scenario, school, demo.Speed, today, state, stoppingToken), stoppingToken);
    }

    /// <summary>
    /// The school days (Monday to Friday) of the weeks before a date.
    /// </summary>
    /// <param name="today">The date (not included).</param>
    /// <param name="weeks">How many weeks back.</param>
    /// <returns>The days, oldest first.</returns>
    public static IReadOnlyList<DateOnly> HistoryDays(DateOnly today, int weeks) =>
        [.. Enumerable.Range(1, weeks * 7).Select(back => today.AddDays(-back)).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Order()];

    private static Task OnOwnThreadAsync(Action run, CancellationToken stoppingToken) =>
        Task.Factory.StartNew(run, stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void PlayHistory(SimulationFile school, IReadOnlyList<DateOnly> days, string state, CancellationToken stoppingToken)
    {
        Scenario history = ScenarioLoader.Load(options.Value.HistoryScenario);
        logger.LogInformation("Demo: playing {Days} school days of history ({First} to {Last}) before today", days.Count, Iso(days[0]), Iso(days[^1]));
        var watch = Stopwatch.StartNew();
        RunSummary summary;
        using (var runner = new ScenarioRunner(history, school, mqtt.Value.Host, mqtt.Value.Port, new ScenarioRunOptions { Speed = 0, Date = days[0], StateDirectory = state }))
        {
            runner.Start(stoppingToken);
            foreach (DateOnly day in days)
            {
                runner.RunDay(day, stoppingToken);
            }

            runner.Drain(stoppingToken);
            summary = runner.Summary();
        }

        logger.LogInformation(
            "Demo history played in {Seconds:0.0} s: {Actions} actions, {Events} events, {Acked} acknowledged, {Problems} problems",
            watch.Elapsed.TotalSeconds, summary.ActionsDone, summary.EventsRecorded, summary.EventsAcknowledged, summary.Problems.Count());
    }

    private async Task ReviewHistoryAsync(SimulationFile school, TimeZoneInfo zone, DateOnly first, DateOnly today, CancellationToken stoppingToken)
    {
        // The policy evaluates the ledger on its own interval: wait until it has seen every history event.
        while ((await flags.GetEventsAfterAsync(await flags.GetLastEvaluatedAsync(stoppingToken), 1, stoppingToken)).Count > 0)
        {
            await Task.Delay(500, stoppingToken);
        }

        string reviewer = school.People.FirstOrDefault(p => p.Slt)?.Name ?? "SLT";
        DateTimeOffset from = TimeZoneInfo.ConvertTimeToUtc(first.ToDateTime(TimeOnly.MinValue), zone);
        DateTimeOffset to = TimeZoneInfo.ConvertTimeToUtc(today.ToDateTime(TimeOnly.MinValue), zone);
        List<Flag> open = await flags.ListAsync(options.Value.School, new FlagFilter(FlagStatus.Open, FromUtc: from, ToUtc: to, Limit: 5000), stoppingToken);
        int reviewed = 0;

        // The notes speak of what a member of staff did: flags about a locker (a door, an outage) stay open.
        foreach ((Flag flag, int index) in open.Where(f => f.PersonId is not null).OrderBy(f => f.Id).Select((f, i) => (f, i)))
        {
            (string? status, string? resolution, string note) = s_reviews[index % s_reviews.Length];
            if (status is not null && (await flags.ReviewAsync(flag.School, [flag.Id], status, resolution, note, reviewer, stoppingToken)).Refusals.Count == 0)
            {
                reviewed++;
            }
        }

        logger.LogInformation("Demo: {Reviewed} of the history's {Open} open flags reviewed by {Reviewer} (SLT)", reviewed, open.Count, reviewer);
    }

    private void PlayDays(Scenario scenario, SimulationFile school, double speed, DateOnly today, string state, CancellationToken stoppingToken)
    {
        using var runner = new ScenarioRunner(scenario, school, mqtt.Value.Host, mqtt.Value.Port, new ScenarioRunOptions
        {
            Speed = speed,
            Date = today,
            StateDirectory = state,
        });

        // From the lockers' boot on, the policy runs on their time: a deposit due at 08:45 is due when they reach 08:45.
        (time as DemoClock)?.Follow(() => runner.VirtualUtc);
        runner.Start(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Demo: playing {Scenario} on {Date} at {Speed}x", scenario.Name, Iso(today), speed);
            runner.RunDay(today, stoppingToken);
            runner.SaveState();
            RunSummary summary = runner.Summary();
            logger.LogInformation(
                "Demo day done: {Actions} actions, {Events} events, {Acked} acknowledged, {Problems} problems",
                summary.ActionsDone, summary.EventsRecorded, summary.EventsAcknowledged, summary.Problems.Count());
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        lifetime.ApplicationStarted.Register(started.SetResult);
        return started.Task.WaitAsync(stoppingToken);
    }
}
