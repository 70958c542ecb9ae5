using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Core.Update;
using PhoneSafe.Firmware.Virtual;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;
using PhoneSafe.Simulator;

namespace PhoneSafe.Gateway.Tests.EndToEnd;

/// <summary>
/// Over-the-air updates from the Admin API to virtual lockers (the real firmware core, virtual firmware storage) over
/// the real broker: a staged rollout, a power cut mid-download, an image that fails the locker's check and one that
/// never reaches the gateway; journal and settings intact afterwards.
/// </summary>
public sealed class FirmwareUpdateTests
{
    private const string School = "ota-school";
    private const string NewVersion = "1.1.0";
    private static readonly byte[] s_card = [0x04, 0x0A, 0x0B, 0x0D];

    [Fact]
    public async Task StagedRollout_PilotIsConfirmedBeforeTheOthersStart_ThenEveryLockerRunsTheNewVersion_WithJournalAndSettingsIntact()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        using HttpClient admin = await gateway.SignInAsync(UserRoles.Admin, School);
        using LockerFleet fleet = await StartFleetAsync(gateway, "lk-1", "lk-2", "lk-3");
        int compartment = FaultBefore(fleet, fleet.Lockers[0]);
        await UploadAsync(admin, NewVersion, 20_000);

        await RolloutAsync(admin, NewVersion, "lk-1", "lk-2", "lk-3");
        Assert.True(fleet.RunUntil(() => fleet.Lockers[0].Controller.Updater.IsOnTrial, TimeSpan.FromSeconds(60)), "the pilot never started the new version");
        Assert.All(fleet.Lockers.Skip(1), l => Assert.Empty(l.Firmware.Image("a")));
        Assert.True(
            fleet.RunUntil(() => fleet.Lockers.All(l => l.Controller.Updater.RunningVersion == NewVersion && !l.Controller.Updater.IsOnTrial), TimeSpan.FromSeconds(90)),
            "not every locker runs the new version, confirmed");

        IReadOnlyList<LockerFirmware> states = await WaitForStatesAsync(admin, s => s.Count == 3 && s.All(f => f.State == FirmwareStates.Confirmed && f.Running == NewVersion));
        Assert.All(states, s => Assert.Equal(s.Chunks, s.ChunksReceived));
        AssertIntact(fleet, fleet.Lockers[0], compartment);
        (long count, _, _, _) = await gateway.Store.GetEventSummaryAsync(School, "lk-1", TestContext.Current.CancellationToken);
        Assert.True(count >= 5, "boot, door and deposit events before the update and the boot after it are in the ledger");
    }

    [Fact]
    public async Task PowerCut_MidDownload_ResumesFromTheChunkReached_AndCompletes()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        using HttpClient admin = await gateway.SignInAsync(UserRoles.Admin, School);
        using LockerFleet fleet = await StartFleetAsync(gateway, "lk-cut");
        VirtualLocker locker = fleet.Lockers[0];
        await UploadAsync(admin, NewVersion, 60_000);

        await RolloutAsync(admin, NewVersion, "lk-cut");
        Assert.True(fleet.RunUntil(() => locker.Controller.Updater.Progress.Next >= 12, TimeSpan.FromSeconds(60)), "the download did not start");
        int reached = 0;
        fleet.Act(() =>
        {
            fleet.Links[0].NetworkDown = true;
            reached = locker.Controller.Updater.Progress.Next;
            locker.Boot();
        });

        Assert.Equal((UpdateState.Receiving, reached), (locker.Controller.Updater.Progress.State, locker.Controller.Updater.Progress.Next));
        fleet.Act(() => fleet.Links[0].NetworkDown = false);
        Assert.True(fleet.RunUntil(() => locker.Controller.Updater.RunningVersion == NewVersion && !locker.Controller.Updater.IsOnTrial, TimeSpan.FromSeconds(90)), "the update did not complete");
        await WaitForStatesAsync(admin, s => s.Single().State == FirmwareStates.Confirmed);
    }

    [Fact]
    public async Task ImageChangedAfterUpload_FailsTheLockersCheck_NothingIsSwitched_AndTheOtherLockersAreNotSent()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        using HttpClient admin = await gateway.SignInAsync(UserRoles.Admin, School);
        using LockerFleet fleet = await StartFleetAsync(gateway, "lk-bad", "lk-next");
        VirtualLocker locker = fleet.Lockers[0];
        await UploadAsync(admin, NewVersion, 10_000);
        await using (var connection = await gateway.Services.GetRequiredService<IDatabase>().OpenAsync(TestContext.Current.CancellationToken))
        {
            // One byte of the stored image changed (a damaged disk, someone editing the database).
            await connection.ExecuteAsync("UPDATE firmware_releases SET image = CAST(X'00' || substr(image, 2) AS BLOB)", TestContext.Current.CancellationToken);
        }

        await RolloutAsync(admin, NewVersion, "lk-bad", "lk-next");

        IReadOnlyList<LockerFirmware> states = await WaitForStatesAsync(admin, s => s.Any(f => f.Locker == "lk-bad" && f.State == FirmwareStates.Failed), fleet);
        Assert.Equal(UpdateState.BadHash, states.Single(f => f.Locker == "lk-bad").Reason);
        Assert.Equal(FirmwareStates.Cancelled, states.Single(f => f.Locker == "lk-next").State);
        Assert.Equal((FirmwareUpdater.BuildVersion, false), (locker.Controller.Updater.RunningVersion, locker.Controller.Updater.RestartRequested));
        Assert.Empty(locker.Firmware.Image("a"));
    }

    [Fact]
    public async Task NewVersionThatNeverReachesTheGateway_IsRolledBackAfterTheTrialTime_WithJournalAndSettingsIntact()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        using HttpClient admin = await gateway.SignInAsync(UserRoles.Admin, School);
        using LockerFleet fleet = await StartFleetAsync(gateway, "lk-back");
        VirtualLocker locker = fleet.Lockers[0];
        int compartment = FaultBefore(fleet, locker);
        await UploadAsync(admin, NewVersion, 10_000);

        await RolloutAsync(admin, NewVersion, "lk-back");
        Assert.True(fleet.RunUntil(() => locker.Controller.Updater.IsOnTrial, TimeSpan.FromSeconds(60)), "the new version was not started");
        fleet.Act(() => fleet.Links[0].NetworkDown = true);
        fleet.Run(FirmwareUpdater.TrialMilliseconds + 1000);
        Assert.Equal(FirmwareUpdater.BuildVersion, locker.Controller.Updater.RunningVersion);
        fleet.Act(() => fleet.Links[0].NetworkDown = false);

        IReadOnlyList<LockerFirmware> states = await WaitForStatesAsync(admin, s => s.Single().State == FirmwareStates.RolledBack, fleet);
        Assert.Equal(FirmwareUpdater.BuildVersion, states.Single().Running);
        Assert.Equal(NewVersion, BootRecord.Decode(locker.Firmware.ReadBootRecord()).RolledBack);
        AssertIntact(fleet, locker, compartment);
    }

    private static async Task<LockerFleet> StartFleetAsync(GatewayHost gateway, params string[] lockers)
    {
        var settings = new List<(LockerSettings Settings, int Compartments)>();
        foreach (string locker in lockers)
        {
            RegisteredLocker keys = await RegisteredLockers.RegisterAsync(gateway, School, locker, LockerKind.Classroom);
            settings.Add((new LockerSettings
            {
                School = School, Device = locker, DeviceKey = Convert.FromHexString(keys.DeviceKey), CredentialKey = Convert.FromHexString(keys.CredentialKey),
            }, 4));
        }

        var fleet = new LockerFleet("127.0.0.1", gateway.BrokerPort, settings, VirtualLocker.DefaultJournalBytes);
        fleet.Boot(DateTime.UtcNow);
        Assert.True(fleet.RunUntil(() => fleet.Lockers.All(l => l.Controller.Config.Version >= 1 && l.Controller.Uplink.IsOnline), TimeSpan.FromSeconds(60)), "the lockers did not come online");
        return fleet;
    }

    // A forced door before the update: journal events, and a fault kept in the settings.
    private static int FaultBefore(LockerFleet fleet, VirtualLocker locker)
    {
        fleet.Act(() => locker.Compartments.Force(2));
        fleet.Run(200);
        fleet.Act(() => locker.Compartments.Close(2));
        fleet.Run(200);
        Assert.Equal(CompartmentState.Fault, locker.Controller.GetCompartment(2).State);
        return 2;
    }

    private static void AssertIntact(LockerFleet fleet, VirtualLocker locker, int compartment)
    {
        Assert.True(fleet.RunUntil(() => fleet.Outstanding == 0 && locker.Controller.Uplink.IsOnline, TimeSpan.FromSeconds(30)), "events not acknowledged after the update");
        Assert.Equal(CompartmentState.Fault, locker.Controller.GetCompartment(compartment).State);
        Assert.True(locker.Controller.Config.Version >= 1, "the configuration was kept");
        Assert.True(locker.Controller.BootCount >= 2, "the boot counter went on");
        Assert.Equal(0L, locker.Controller.GapEvents);
    }

    private static async Task UploadAsync(HttpClient admin, string version, int bytes)
    {
        using var form = new MultipartFormDataContent { { new StringContent(version), "version" } };
        foreach ((string name, int size) in new[] { ("PhoneSafe.Firmware.Core.pe", bytes / 2), ("PhoneSafe.Firmware.Device.pe", bytes / 3), ("PhoneSafe.Firmware.Esp32.pe", bytes / 6) })
        {
            form.Add(new ByteArrayContent(RandomNumberGenerator.GetBytes(size)), "assemblies", name);
        }

        HttpResponseMessage response = await admin.PostAsync($"/api/schools/{School}/firmware", form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task RolloutAsync(HttpClient admin, string version, params string[] lockers)
    {
        HttpResponseMessage response = await admin.PostAsJsonAsync($"/api/schools/{School}/firmware/{version}/rollout", new StartRolloutRequest(lockers), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<IReadOnlyList<LockerFirmware>> WaitForStatesAsync(HttpClient admin, Func<IReadOnlyList<LockerFirmware>, bool> condition, LockerFleet? fleet = null)
    {
        List<LockerFirmware> states = [];
        for (int i = 0; i < 300; i++)
        {
            states = await admin.GetFromJsonAsync<List<LockerFirmware>>($"/api/schools/{School}/firmware/lockers", TestContext.Current.CancellationToken) ?? [];
            if (states.Count > 0 && condition(states))
            {
                return states;
            }

            fleet?.Run(VirtualLocker.TickMilliseconds);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail("firmware states never matched: " + string.Join("; ", states));
        return states;
    }
}
