using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;
using PhoneSafe.Simulator;

namespace PhoneSafe.Gateway.Tests.EndToEnd;

/// <summary>
/// Signed commands from the API to virtual lockers (the real firmware core) over a real broker, and their results:
/// remote unlock, clearing a fault, office intake and release, expiry, replacement cards.
/// </summary>
public sealed class LockerCommandsTests
{
    private const string School = "cmd-school";
    private static readonly byte[] s_pupilCard = [0x04, 0x50, 0x50, 0x11];
    private static readonly byte[] s_lostCard = [0x04, 0x0A, 0x0B, 0x0C];
    private static readonly byte[] s_newCard = [0x04, 0x1A, 0x1B, 0x1C];

    [Fact]
    public async Task Unlock_BySlt_IsExecutedByTheLocker_DoorEventsReachTheLedger_AndItIsAudited()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        using HttpClient admin = await gateway.SignInAsync(UserRoles.Admin, School);
        using LockerFleet fleet = await RegisteredLockers.StartAsync(gateway, School, "lk-unlock", LockerKind.Classroom);
        using HttpClient slt = await gateway.SignInAsync(UserRoles.Slt, School);

        LockerCommandRecord sent = await SendAsync(slt, "lk-unlock", new SendCommandRequest(CommandName.Unlock, 2, Reason: "phone left by a visitor"));
        Assert.True(fleet.RunUntil(() => fleet.Lockers[0].Compartments.IsUnlocked(2), TimeSpan.FromSeconds(20)), "the locker did not unlock");
        fleet.Act(() => fleet.Lockers[0].Compartments.TryOpen(2));
        fleet.Run(200);
        fleet.Act(() => fleet.Lockers[0].Compartments.Close(2));
        Assert.True(fleet.RunUntil(() => fleet.Outstanding == 0, TimeSpan.FromSeconds(30)), "events not acknowledged");

        LockerCommandRecord settled = await WaitForStateAsync(slt, sent.Id, CommandStates.Executed);
        Assert.Equal((CommandStates.Sent, "phone left by a visitor", 2), (sent.State, settled.Reason, settled.Compartment));
        Assert.NotNull(settled.SettledUtc);
        (long count, _, _, _) = await gateway.Store.GetEventSummaryAsync(School, "lk-unlock", TestContext.Current.CancellationToken);
        Assert.True(count >= 3, "boot, door-opened and door-closed are in the ledger");
        IReadOnlyList<AuditEntry> audit = await gateway.Services.GetRequiredService<UserStore>().GetAuditAsync(100, TestContext.Current.CancellationToken);
        Assert.Contains(audit, a => a.Action == "locker:command" && a.Detail.Contains("command=unlock", StringComparison.Ordinal) && a.Detail.Contains("phone left by a visitor", StringComparison.Ordinal));
        LockerCommandRecord listed = Assert.Single(await slt.GetFromJsonAsync<List<LockerCommandRecord>>($"/api/schools/{School}/lockers/lk-unlock/commands", TestContext.Current.CancellationToken) ?? []);
        Assert.Equal(sent.Id, listed.Id);
    }

    [Fact]
    public async Task Clear_AfterForcedDoor_PutsCompartmentBackInService_AndClearOnAHealthyOneIsRefusedWithTheLockersReason()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        using HttpClient admin = await gateway.SignInAsync(UserRoles.Admin, School);
        using LockerFleet fleet = await RegisteredLockers.StartAsync(gateway, School, "lk-fault", LockerKind.Classroom);
        VirtualLocker locker = fleet.Lockers[0];
        fleet.Act(() => locker.Compartments.Force(3));
        fleet.Run(200);
        fleet.Act(() => locker.Compartments.Close(3));
        fleet.Run(200);
        Assert.Equal(CompartmentState.Fault, locker.Controller.GetCompartment(3).State);

        LockerCommandRecord healthy = await SendAsync(admin, "lk-fault", new SendCommandRequest(CommandName.Clear, 1, Reason: "testing"));
        LockerCommandRecord clear = await SendAsync(admin, "lk-fault", new SendCommandRequest(CommandName.Clear, 3, Reason: "door checked, catch intact"));
        Assert.True(fleet.RunUntil(() => locker.Controller.GetCompartment(3).State == CompartmentState.Free, TimeSpan.FromSeconds(20)), "the fault was not cleared");

        Assert.Equal("not-faulted", (await WaitForStateAsync(admin, healthy.Id, CommandStates.Refused)).Refusal);
        await WaitForStateAsync(admin, clear.Id, CommandStates.Executed);
        Assert.Equal(0L, locker.Compartments.UnlockCount);
    }

    [Fact]
    public async Task OfficeConsole_IntakeAndRelease_DriveTheOfficeUnit_WithTheSameCustodyAsTheBadgeFlow()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        using HttpClient admin = await gateway.SignInAsync(UserRoles.Admin, School);
        await ImportAsync(admin, "pupils", "Admission Number,Forename,Surname,Year,Reg Group\r\nP001,Pat,Pupil,9,9B\r\n");
        CredentialInfo card = await EnrolAsync(admin, "P001", s_pupilCard);
        using LockerFleet fleet = await RegisteredLockers.StartAsync(gateway, School, "lk-office", LockerKind.Office);
        VirtualLocker locker = fleet.Lockers[0];
        using HttpClient office = await gateway.SignInAsync(UserRoles.Office, School);

        LockerCommandRecord intake = await SendAsync(office, "lk-office", new SendCommandRequest(CommandName.Intake, PersonId: "P001"));
        int compartment = OpenAndClose(fleet, locker);
        await WaitForStateAsync(office, intake.Id, CommandStates.Executed);
        await WaitForCustodyAsync(gateway, c => c.Count == 1);
        OfficeHolding held = Assert.Single(await gateway.Services.GetRequiredService<DashboardStore>().GetOfficeHoldingsAsync(School, TestContext.Current.CancellationToken));
        Assert.Equal((compartment, card.Credential), (held.Compartment, held.PupilCredential));

        HttpResponseMessage unlock = await office.PostAsJsonAsync($"/api/schools/{School}/lockers/lk-office/commands", new SendCommandRequest(CommandName.Unlock, 1, Reason: "x"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, unlock.StatusCode);

        LockerCommandRecord release = await SendAsync(office, "lk-office", new SendCommandRequest(CommandName.Release, PersonId: "P001"));
        Assert.Equal(compartment, release.Compartment);
        Assert.Equal(compartment, OpenAndClose(fleet, locker));
        await WaitForStateAsync(office, release.Id, CommandStates.Executed);
        await WaitForCustodyAsync(gateway, c => c.Count == 0);

        HttpResponseMessage again = await office.PostAsJsonAsync($"/api/schools/{School}/lockers/lk-office/commands", new SendCommandRequest(CommandName.Release, PersonId: "P001"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("no phone of Pat Pupil", await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_ToALockerThatIsOffline_ExpiresWithoutAResult()
    {
        using var gateway = new GatewayHost(settings: new Dictionary<string, string> { ["LockerCommandOptions:LifetimeSeconds"] = "1", ["LockerCommandOptions:SweepSeconds"] = "1" });
        await gateway.StartAsync();
        using HttpClient admin = await gateway.SignInAsync(UserRoles.Admin, School);
        await RegisteredLockers.RegisterAsync(gateway, School, "lk-away", LockerKind.Classroom);

        LockerCommandRecord sent = await SendAsync(admin, "lk-away", new SendCommandRequest(CommandName.Identify));

        LockerCommandRecord expired = await WaitForStateAsync(admin, sent.Id, CommandStates.Expired);
        Assert.Null(expired.Refusal);
        Assert.True(expired.ExpiresUtc - sent.IssuedUtc <= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task ReplacementCard_OpensTheCompartmentHoldingThePhoneOfTheLostCard_WhichNoLockerAcceptsAnyMore()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        using HttpClient admin = await gateway.SignInAsync(UserRoles.Admin, School);
        await ImportAsync(admin, "staff", "Staff Code,Preferred Forename,Legal Surname\r\nT001,Ann,Able\r\n");
        CredentialInfo lost = await EnrolAsync(admin, "T001", s_lostCard);
        using LockerFleet fleet = await RegisteredLockers.StartAsync(gateway, School, "lk-replace", LockerKind.Classroom);
        VirtualLocker locker = fleet.Lockers[0];
        Assert.True(fleet.RunUntil(() => locker.Controller.Config.Allow.Count == 1, TimeSpan.FromSeconds(20)), "the card never reached the locker");
        int compartment = 0;
        fleet.Act(() => compartment = locker.UseLocker(s_lostCard));
        await WaitForCustodyAsync(gateway, c => c.Count == 1);

        HttpResponseMessage revoke = await admin.DeleteAsync($"/api/schools/{School}/people/T001/credentials/{lost.Credential}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        CredentialInfo replacement = await EnrolAsync(admin, "T001", s_newCard);
        Assert.True(
            fleet.RunUntil(() => locker.Controller.Config.Allow.Count == 1 && ((AllowEntry)locker.Controller.Config.Allow[0]!).Credential == replacement.Credential, TimeSpan.FromSeconds(20)),
            "the replacement card never reached the locker");
        var entry = (AllowEntry)locker.Controller.Config.Allow[0]!;
        Assert.Equal(lost.Credential, entry.Previous);

        fleet.Act(() => locker.Tap(s_lostCard));
        fleet.Run(2500);
        int reopened = 0;
        fleet.Act(() => reopened = locker.UseLocker(s_newCard));
        Assert.Equal(compartment, reopened);
        await WaitForCustodyAsync(gateway, c => c.Count == 0);
    }

    [Fact]
    public async Task KeyRotation_OldKeyIsRefused_AndTheReprovisionedLockerGetsItsConfigurationAndIsAcknowledged()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        using HttpClient admin = await gateway.SignInAsync(UserRoles.Admin, School);
        LockerFleet old = await RegisteredLockers.StartAsync(gateway, School, "lk-rekey", LockerKind.Classroom);
        long firstVersion = old.Lockers[0].Controller.Config.Version;

        HttpResponseMessage response = await admin.PostAsync($"/api/schools/{School}/lockers/lk-rekey/key", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        RegisteredLocker keys = (await response.Content.ReadFromJsonAsync<RegisteredLocker>(TestContext.Current.CancellationToken))!;
        Assert.NotEqual(Convert.ToHexString(old.Lockers[0].Settings.DeviceKey), keys.DeviceKey, StringComparer.OrdinalIgnoreCase);
        old.Act(() => old.Lockers[0].Compartments.Force(1));
        Assert.True(
            old.RunUntil(() => gateway.Store.GetQuarantineAsync(School, 10, TestContext.Current.CancellationToken).Result.Any(q => q.Reason == RejectReason.BadMac), TimeSpan.FromSeconds(20)),
            "an event signed with the old key was not refused");
        Assert.True(old.Outstanding > 0);
        old.Dispose();

        var settings = new LockerSettings
        {
            School = School, Device = "lk-rekey", DeviceKey = Convert.FromHexString(keys.DeviceKey), CredentialKey = Convert.FromHexString(keys.CredentialKey),
        };
        using var fleet = new LockerFleet("127.0.0.1", gateway.BrokerPort, [(settings, 4)], VirtualLocker.DefaultJournalBytes);
        fleet.Boot(DateTime.UtcNow);
        Assert.True(fleet.RunUntil(() => fleet.Lockers[0].Controller.Config.Version > firstVersion, TimeSpan.FromSeconds(20)), "no configuration signed with the new key");
        fleet.Act(() => fleet.Lockers[0].Compartments.Force(2));
        Assert.True(fleet.RunUntil(() => fleet.Outstanding == 0, TimeSpan.FromSeconds(30)), "events signed with the new key were not acknowledged");
        IReadOnlyList<AuditEntry> audit = await gateway.Services.GetRequiredService<UserStore>().GetAuditAsync(100, TestContext.Current.CancellationToken);
        Assert.Contains(audit, a => a.Action == "locker:key-rotated" && a.Detail.EndsWith("locker=lk-rekey", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reconciliation_AfterTheOverrideKey_EndsCustodyInTheLedger_ClearsAndEmptiesTheCompartment_AndTheChainStillVerifies()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        using HttpClient admin = await gateway.SignInAsync(UserRoles.Admin, School);
        await ImportAsync(admin, "staff", "Staff Code,Preferred Forename,Legal Surname\r\nT001,Ann,Able\r\n");
        await EnrolAsync(admin, "T001", s_lostCard);
        using LockerFleet fleet = await RegisteredLockers.StartAsync(gateway, School, "lk-override", LockerKind.Classroom);
        VirtualLocker locker = fleet.Lockers[0];
        Assert.True(fleet.RunUntil(() => locker.Controller.Config.Allow.Count == 1, TimeSpan.FromSeconds(20)), "the card never reached the locker");
        int compartment = 0;
        fleet.Act(() => compartment = locker.UseLocker(s_lostCard));
        await WaitForCustodyAsync(gateway, c => c.Count == 1);
        fleet.Act(() => locker.Compartments.Force(compartment));
        fleet.Run(200);
        fleet.Act(() => locker.Compartments.Close(compartment));
        Assert.True(fleet.RunUntil(() => fleet.Outstanding == 0, TimeSpan.FromSeconds(30)), "events not acknowledged");
        using HttpClient slt = await gateway.SignInAsync(UserRoles.Slt, School);
        using HttpClient office = await gateway.SignInAsync(UserRoles.Office, School);
        string path = $"/api/schools/{School}/lockers/lk-override/reconciliations";
        DateTimeOffset takenOut = DateTimeOffset.UtcNow.AddMinutes(-10);

        HttpResponseMessage unexplained = await slt.PostAsJsonAsync(path, new ReconcileRequest(compartment, takenOut, "Mr Keyholder", " "), TestContext.Current.CancellationToken);
        HttpResponseMessage empty = await slt.PostAsJsonAsync(path, new ReconcileRequest(compartment == 1 ? 2 : 1, takenOut, "Mr Keyholder", "x"), TestContext.Current.CancellationToken);
        HttpResponseMessage byOffice = await office.PostAsJsonAsync(path, new ReconcileRequest(compartment, takenOut, "Mr Keyholder", "x"), TestContext.Current.CancellationToken);
        HttpResponseMessage recorded = await slt.PostAsJsonAsync(path, new ReconcileRequest(compartment, takenOut, "Mr Keyholder", "owner's child was ill, override key used"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, unexplained.StatusCode);
        Assert.Contains("\"reason\"", await unexplained.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, empty.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOffice.StatusCode);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        PhoneSafe.Gateway.Actions.ReconcileOutcome outcome = (await recorded.Content.ReadFromJsonAsync<PhoneSafe.Gateway.Actions.ReconcileOutcome>(TestContext.Current.CancellationToken))!;
        Assert.Empty(await gateway.GetCustodyAsync(School));
        Assert.True(fleet.RunUntil(() => locker.Controller.GetCompartment(compartment).State == CompartmentState.Free, TimeSpan.FromSeconds(20)), "the compartment was not cleared and emptied");
        await WaitForStateAsync(slt, outcome.Clear!.Id, CommandStates.Executed);

        LedgerVerification verified = await gateway.Services.GetRequiredService<LedgerVerifier>().VerifyAsync(School, true, TestContext.Current.CancellationToken);
        Assert.True(verified.Ok, verified.FirstBreak?.Reason);
        Reconciliation listed = Assert.Single(await slt.GetFromJsonAsync<List<Reconciliation>>(path, TestContext.Current.CancellationToken) ?? []);
        Assert.Equal(("Mr Keyholder", compartment), (listed.TakenOutBy, listed.Compartment));
        Assert.StartsWith("slt-", listed.RecordedBy, StringComparison.Ordinal);
        CustodySession session = Assert.Single(await slt.GetFromJsonAsync<List<CustodySession>>($"/api/schools/{School}/custody/sessions", TestContext.Current.CancellationToken) ?? []);
        Assert.True(session.Reconciled);
        Assert.Equal(takenOut.ToUnixTimeSeconds(), session.OutUtc!.Value.ToUnixTimeSeconds());
        IReadOnlyList<AuditEntry> audit = await gateway.Services.GetRequiredService<UserStore>().GetAuditAsync(100, TestContext.Current.CancellationToken);
        Assert.Contains(audit, a => a.Action == "locker:reconciled" && a.Detail.Contains("by=Mr Keyholder", StringComparison.Ordinal));

        int next = 0;
        fleet.Act(() => next = locker.UseLocker(s_lostCard));
        Assert.Equal(next, (await WaitForCustodyAsync(gateway, c => c.Count == 1)).Compartment);
    }

    [Fact]
    public async Task ReplacementController_RecoversOccupancyFromTheGatewaysCustody_BeforeItUnlocksAnything()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        using HttpClient admin = await gateway.SignInAsync(UserRoles.Admin, School);
        await ImportAsync(admin, "staff", "Staff Code,Preferred Forename,Legal Surname\r\nT001,Ann,Able\r\n");
        CredentialInfo card = await EnrolAsync(admin, "T001", s_lostCard);
        LockerFleet old = await RegisteredLockers.StartAsync(gateway, School, "lk-swap", LockerKind.Classroom);
        Assert.True(old.RunUntil(() => old.Lockers[0].Controller.Config.Allow.Count == 1, TimeSpan.FromSeconds(20)), "the card never reached the locker");
        int compartment = 0;
        old.Act(() => compartment = old.Lockers[0].UseLocker(s_lostCard));
        await WaitForCustodyAsync(gateway, c => c.Count == 1);
        old.Dispose();

        HttpResponseMessage rotated = await admin.PostAsync($"/api/schools/{School}/lockers/lk-swap/key", null, TestContext.Current.CancellationToken);
        RegisteredLocker keys = (await rotated.Content.ReadFromJsonAsync<RegisteredLocker>(TestContext.Current.CancellationToken))!;
        var settings = new LockerSettings
        {
            School = School, Device = "lk-swap", DeviceKey = Convert.FromHexString(keys.DeviceKey), CredentialKey = Convert.FromHexString(keys.CredentialKey),
            RecoversOccupancy = true,
        };
        using var fleet = new LockerFleet("127.0.0.1", gateway.BrokerPort, [(settings, 4)], VirtualLocker.DefaultJournalBytes);
        fleet.Boot(DateTime.UtcNow);
        VirtualLocker replacement = fleet.Lockers[0];
        Assert.True(replacement.Controller.AwaitingRestore);

        Assert.True(fleet.RunUntil(() => !replacement.Controller.AwaitingRestore, TimeSpan.FromSeconds(20)), "the replacement never got its occupancy");
        Assert.Equal(card.Credential, replacement.Controller.GetCompartment(compartment).Occupant);
        Assert.True(fleet.RunUntil(() => replacement.Controller.Config.Allow.Count == 1, TimeSpan.FromSeconds(20)), "the card never reached the replacement");
        int reopened = 0;
        fleet.Act(() => reopened = replacement.UseLocker(s_lostCard));
        Assert.Equal(compartment, reopened);
        await WaitForCustodyAsync(gateway, c => c.Count == 0);
    }

    private static int OpenAndClose(LockerFleet fleet, VirtualLocker locker)
    {
        int unlocked = 0;
        Assert.True(
            fleet.RunUntil(() => (unlocked = Enumerable.Range(1, locker.Compartments.CompartmentCount).FirstOrDefault(locker.Compartments.IsUnlocked)) != 0, TimeSpan.FromSeconds(20)),
            "the locker did not unlock");
        fleet.Act(() => locker.Compartments.TryOpen(unlocked));
        fleet.Run(200);
        fleet.Act(() => locker.Compartments.Close(unlocked));
        Assert.True(fleet.RunUntil(() => fleet.Outstanding == 0, TimeSpan.FromSeconds(30)), "events not acknowledged");
        return unlocked;
    }

    private static async Task ImportAsync(HttpClient admin, string kind, string csv)
    {
        HttpResponseMessage response = await admin.PostAsync($"/api/schools/{School}/people/import/{kind}", new StringContent(csv, Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<CredentialInfo> EnrolAsync(HttpClient admin, string personId, byte[] uid)
    {
        HttpResponseMessage response = await admin.PostAsJsonAsync($"/api/schools/{School}/people/{personId}/credentials", new { uid = Convert.ToHexString(uid) }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CredentialInfo>(TestContext.Current.CancellationToken))!;
    }

    private static async Task<LockerCommandRecord> SendAsync(HttpClient client, string locker, SendCommandRequest request)
    {
        HttpResponseMessage response = await client.PostAsJsonAsync($"/api/schools/{School}/lockers/{locker}/commands", request, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.Content.ReadFromJsonAsync<LockerCommandRecord>(TestContext.Current.CancellationToken))!;
    }

    private static async Task<LockerCommandRecord> WaitForStateAsync(HttpClient client, string id, string state)
    {
        LockerCommandRecord? command = null;
        for (int i = 0; i < 150 && command?.State != state; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            command = await client.GetFromJsonAsync<LockerCommandRecord>($"/api/schools/{School}/commands/{id}", TestContext.Current.CancellationToken);
        }

        Assert.Equal(state, command?.State);
        return command!;
    }

    private static async Task<CustodyItem> WaitForCustodyAsync(GatewayHost gateway, Func<IReadOnlyList<CustodyItem>, bool> condition)
    {
        IReadOnlyList<CustodyItem> custody = [];
        for (int i = 0; i < 100; i++)
        {
            custody = await gateway.GetCustodyAsync(School);
            if (condition(custody))
            {
                return custody.FirstOrDefault()!;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"custody never reached the expected state: {custody.Count} rows");
        return null!;
    }
}
