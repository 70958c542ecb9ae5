using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Publishing;
using PhoneSafe.Gateway.Services;
using PhoneSafe.Simulator.Provisioning;
using PhoneSafe.Simulator.Scenarios;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// Runs a shipped scenario against a real Mosquitto and the real gateway: the generated school set up through the
/// real import and enrolment path, the calendar and exceptions through the API as SLT, then the simulator.
/// </summary>
public sealed class ScenarioHarness : IAsyncDisposable
{
    private ScenarioHarness(MosquittoBroker broker, GatewayHost gateway, HttpClient slt, string school)
    {
        Broker = broker;
        Gateway = gateway;
        Slt = slt;
        School = school;
    }

    public MosquittoBroker Broker { get; }

    public GatewayHost Gateway { get; }

    public HttpClient Slt { get; }

    public string School { get; }

    public static async Task<ScenarioHarness> StartAsync(string school)
    {
        MosquittoBroker broker = MosquittoBroker.Start();
        var gateway = new GatewayHost(externalBrokerPort: broker.Port);
        await gateway.StartAsync();
        HttpClient slt = await gateway.SignInAsync(UserRoles.Slt, school);
        return new ScenarioHarness(broker, gateway, slt, school);
    }

    /// <summary>Sets the school up for the scenario, runs it and returns the simulator's summary.</summary>
    public async Task<RunSummary> RunAsync(Scenario scenario, SimulationFile? school = null, double speed = 3000)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        school ??= await Gateway.Services.GetRequiredService<SimulatedSchoolSetup>().CreateAsync(School, scenario.School, ct);
        await SetCalendarAndExceptionsAsync(scenario);
        await Gateway.Services.GetRequiredService<LockerConfigPublisher>().PublishSchoolAsync(School, force: true, ct);
        using var runner = new ScenarioRunner(scenario, school, "127.0.0.1", Broker.Port, new ScenarioRunOptions { Speed = speed, DrainTimeout = TimeSpan.FromSeconds(30), ConfigTimeout = TimeSpan.FromSeconds(20) });
        return await Task.Run(() => runner.Run(ct), ct);
    }

    /// <summary>Asserts that every event each locker recorded is in the ledger exactly once.</summary>
    public async Task AssertLedgerCompleteAsync(RunSummary summary)
    {
        Assert.Equal(0, summary.Outstanding);
        foreach (LockerReport locker in summary.Lockers)
        {
            (long count, long distinct, long min, long max) = await Gateway.Store.GetEventSummaryAsync(School, locker.Locker, TestContext.Current.CancellationToken);
            Assert.True(count == locker.EventsRecorded && distinct == count && max == count && min == 1, $"{locker.Locker}: recorded {locker.EventsRecorded}, ledger count {count} distinct {distinct} min {min} max {max}");
        }
    }

    /// <summary>
    /// Waits for the policy engine, then asserts that for every flag kind the scenario expects, the flags raised are
    /// exactly the expected ones (person or locker, and status).
    /// </summary>
    public async Task AssertFlagsAsync(Scenario scenario)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string[] expected = [.. scenario.Expect.Select(e => Describe(e.Flag, e.Who ?? e.Locker, e.Status)).Order()];
        string[] actual = [];
        for (int i = 0; i < 100; i++)
        {
            var flags = new List<Flag>();
            foreach (string kind in scenario.Expect.Select(e => e.Flag).Distinct())
            {
                flags.AddRange((await Slt.GetFromJsonAsync<List<Flag>>($"/api/schools/{School}/flags?kind={kind}", ct))!);
            }

            actual = [.. flags.Select(f => Describe(f.Kind, scenario.Expect.Any(e => e.Flag == f.Kind && e.Who is not null) ? f.PersonId : f.Locker, f.Status)).Order()];
            if (actual.SequenceEqual(expected))
            {
                return;
            }

            await Task.Delay(200, ct);
        }

        Assert.Equal(expected, actual);
    }

    public async ValueTask DisposeAsync()
    {
        Slt.Dispose();
        await Gateway.DisposeAsync();
        Broker.Dispose();
    }

    private static string Describe(string kind, string? about, string status) => $"{kind} {about} {status}";

    private async Task SetCalendarAndExceptionsAsync(Scenario scenario)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        ScenarioCalendar calendar = scenario.Calendar ?? new ScenarioCalendar();
        WindowDto[] windows = [.. calendar.Contact.Select(w => new WindowDto(w[..5], w[6..]))];
        var document = new CalendarDocument(
            scenario.TimeZone,
            null,
            [new TermDto("Autumn", "2026-09-02", "2026-12-18")],
            [],
            [.. Enumerable.Range(1, 5).Select(d => new DayDto(d, windows, calendar.HomeTime))]);
        Assert.Equal(HttpStatusCode.OK, (await Slt.PutAsJsonAsync($"/api/schools/{School}/calendar", document, ct)).StatusCode);
        foreach (ScenarioException exception in scenario.Exceptions)
        {
            HttpResponseMessage response = exception.Kind == ExceptionKind.Trip
                ? await Slt.PostAsJsonAsync($"/api/schools/{School}/exceptions/trips", new TripRequest(exception.Name, exception.People, exception.ApprovedBy, scenario.Date, scenario.Date, "test"), ct)
                : await Slt.PostAsJsonAsync($"/api/schools/{School}/exceptions/staff", new StaffExceptionRequest(exception.People.Single(), exception.Reason, scenario.Date, scenario.Date), ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }
}
