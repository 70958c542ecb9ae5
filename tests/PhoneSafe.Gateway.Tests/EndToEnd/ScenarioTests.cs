using PhoneSafe.Gateway.Tests.Support;
using PhoneSafe.Simulator.Provisioning;
using PhoneSafe.Simulator.Scenarios;

namespace PhoneSafe.Gateway.Tests.EndToEnd;

/// <summary>
/// The shipped scenarios (firmware/PhoneSafe.Simulator/ShippedScenarios) on a virtual clock, with the real firmware core in
/// every locker, a real Mosquitto and the real gateway: every event in the ledger exactly once, nothing outstanding,
/// and the flags each scenario's "expect" lists, no more.
/// </summary>
public sealed class ScenarioTests
{
    [Fact]
    public async Task SchoolDay_RealBrokerAndGateway_LedgerCompleteAndExpectedFlags()
    {
        Scenario scenario = ScenarioLoader.Load("school-day");
        await using ScenarioHarness harness = await ScenarioHarness.StartAsync("sim-school-day");

        RunSummary summary = await harness.RunAsync(scenario);

        Assert.Empty(summary.Problems);
        Assert.True(summary.ActionsDone > scenario.School.Staff * 2, summary.ToString());
        await harness.AssertLedgerCompleteAsync(summary);
        await harness.AssertFlagsAsync(scenario);
    }

    [Fact]
    public async Task Outage_TwoHoursOffline_BackfillsEveryEventOnce()
    {
        Scenario scenario = ScenarioLoader.Load("outage");
        await using ScenarioHarness harness = await ScenarioHarness.StartAsync("sim-outage");

        RunSummary summary = await harness.RunAsync(scenario);

        Assert.Empty(summary.Problems);
        Assert.All(summary.Lockers, l => Assert.Equal(0, l.Lost));
        Assert.Contains(summary.Lockers, l => l.FailedConnects > 0);
        await harness.AssertLedgerCompleteAsync(summary);
    }

    [Fact]
    public async Task Tamper_ForcedAndLeftOpenDoors_RaiseDoorFlags()
    {
        Scenario scenario = ScenarioLoader.Load("tamper");
        await using ScenarioHarness harness = await ScenarioHarness.StartAsync("sim-tamper");

        RunSummary summary = await harness.RunAsync(scenario);

        Assert.Empty(summary.Problems);
        await harness.AssertLedgerCompleteAsync(summary);
        await harness.AssertFlagsAsync(scenario);
    }

    [Fact]
    public async Task Load_SmallFleetAsFastAsPossible_EveryEventOnce()
    {
        Scenario scenario = ScenarioLoader.Load("load") is { } load
            ? new Scenario { Name = load.Name, Date = load.Date, Start = "09:00", End = "09:00:30", Speed = 0, JournalBytes = load.JournalBytes, School = new SchoolSize(Staff: 20, Pupils: 0, ClassroomLockers: 10, OfficeLockers: 0), Steps = [new ScenarioStep { At = "09:00", Until = "09:00:20", Do = "churn", Rate = 10 }] }
            : throw new InvalidOperationException();
        await using ScenarioHarness harness = await ScenarioHarness.StartAsync("sim-load");

        RunSummary summary = await harness.RunAsync(scenario, speed: 0);

        Assert.Empty(summary.Problems);
        Assert.Equal(200, summary.ActionsDone);
        await harness.AssertLedgerCompleteAsync(summary);
    }
}
