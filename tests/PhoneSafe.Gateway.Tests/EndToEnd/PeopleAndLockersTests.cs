using System.Buffers;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Http;
using MQTTnet;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;
using PhoneSafe.Simulator;

namespace PhoneSafe.Gateway.Tests.EndToEnd;

/// <summary>
/// CSV import → card enrolment → compartment reservation → signed, versioned configuration → a virtual locker
/// (the real firmware core) opens for the card, over a real broker and a real SQLite file.
/// </summary>
public sealed class PeopleAndLockersTests
{
    private const string School = "e2e-school";
    private const string StaffCsv = "Staff Code,Preferred Forename,Legal Surname,Department,Role\r\n"
        + "T001,Ann,Able,Maths,Teacher\r\n"
        + "T002,Bob,\"Bell, Jr\",English,Teacher\r\n";

    [Fact]
    public async Task ImportedEnrolledStaff_CardOpensReservedCompartment_AndLockersApiShowsAppliedVersion()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        HttpClient client = await gateway.SignInAsync(UserRoles.Admin, School);
        RegisteredLocker keys = await RegisterAsync(client, "lk-e2e", 4);
        await ImportStaffAsync(client);
        CredentialInfo credential = await EnrolAsync(client, "T001", Convert.ToHexString(LockerRig.StaffCard));
        await AssignAsync(client, "lk-e2e", 3, "T001");
        long version = Assert.Single(await PublishAsync(client)).Version;

        var settings = new LockerSettings
        {
            School = School, Device = "lk-e2e", DeviceKey = Convert.FromHexString(keys.DeviceKey), CredentialKey = Convert.FromHexString(keys.CredentialKey),
        };
        using var fleet = new LockerFleet("127.0.0.1", gateway.BrokerPort, [settings], 4);
        fleet.Boot();
        Assert.True(fleet.RunUntil(() => fleet.Lockers[0].Controller.Config.Version == version, TimeSpan.FromSeconds(20)), "the locker did not apply the published configuration");
        int compartment = 0;
        fleet.Act(() => compartment = fleet.Lockers[0].UseLocker(LockerRig.StaffCard));
        Assert.True(fleet.RunUntil(() => fleet.Outstanding == 0, TimeSpan.FromSeconds(30)), "events not acknowledged");

        Assert.Equal(3, compartment);
        Assert.Equal(CredentialHash.Compute(settings.CredentialKey, LockerRig.StaffCard), credential.Credential);
        CustodyItem item = Assert.Single(await gateway.GetCustodyAsync(School));
        Assert.Equal((3, credential.Credential), (item.Compartment, item.Credential));
        LockerInfo locker = await WaitForLockerAsync(client, "lk-e2e", l => l.AppliedVersion == version && l.Online);
        Assert.Equal((LockerKind.Classroom, 4, version, version), (locker.Kind, locker.Compartments, locker.PublishedVersion, locker.AppliedVersion));
        Assert.True(locker.AckedSequence > 0);
        Assert.NotNull(locker.AppliedUtc);
    }

    [Fact]
    public async Task Publish_UnchangedContentKeepsVersion_ChangedContentGoesUp_AndRetainedConfigIsSignedForTheLocker()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        HttpClient client = await gateway.SignInAsync(UserRoles.Admin, School);
        RegisteredLocker keys = await RegisterAsync(client, "lk-versions", 8);
        await ImportStaffAsync(client);
        CredentialInfo credential = await EnrolAsync(client, "T002", "04:11:22:33");

        PublishedConfig first = Assert.Single(await PublishAsync(client));
        PublishedConfig unchanged = Assert.Single(await PublishAsync(client));
        await AssignAsync(client, "lk-versions", 5, "T002");
        PublishedConfig moved = Assert.Single(await PublishAsync(client));

        Assert.Equal(1, first.Entries);
        Assert.Equal((first.Version, false), (unchanged.Version, unchanged.Changed));
        Assert.True(moved.Version > first.Version);
        LockerConfig retained = await ReadRetainedConfigAsync(gateway, "lk-versions", Convert.FromHexString(keys.DeviceKey));
        Assert.Equal(moved.Version, retained.Version);
        AllowEntry entry = Assert.Single(retained.Allow.Cast<AllowEntry>());
        Assert.Equal((credential.Credential, Roles.Staff, 5), (entry.Credential, entry.Role, entry.Compartment));
        Assert.Equal(10, retained.ContactWindows.Count);
        Assert.Equal(moved.Version, (await WaitForLockerAsync(client, "lk-versions", l => l.PublishedVersion == moved.Version)).PublishedVersion);
    }

    [Fact]
    public async Task Api_InvalidRequests_AreRefusedWithClearReasons_AndKeysAreShownOnce()
    {
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        HttpClient client = await gateway.SignInAsync(UserRoles.Admin, School);
        RegisteredLocker keys = await RegisterAsync(client, "lk-once", 8);
        await ImportStaffAsync(client);
        CancellationToken ct = TestContext.Current.CancellationToken;

        HttpResponseMessage again = await client.PostAsJsonAsync($"/api/schools/{School}/lockers", new { locker = "lk-once", compartments = 8 }, ct);
        HttpResponseMessage badKind = await client.PostAsJsonAsync($"/api/schools/{School}/lockers", new { locker = "lk-x", kind = "gym", compartments = 8 }, ct);
        HttpResponseMessage badSchool = await client.GetAsync("/api/schools/Bad_School/lockers", ct);
        HttpResponseMessage noColumn = await client.PostAsync($"/api/schools/{School}/people/import/staff", new StringContent("Surname\nSmith\n", Encoding.UTF8, "text/csv"), ct);
        HttpResponseMessage badUid = await client.PostAsJsonAsync($"/api/schools/{School}/people/T001/credentials", new { uid = "04A1B2C3D4" }, ct);
        HttpResponseMessage nobody = await client.PostAsJsonAsync($"/api/schools/{School}/people/NOBODY/credentials", new { uid = "04A1B2C3" }, ct);
        HttpResponseMessage pupilBox = await client.PutAsJsonAsync($"/api/schools/{School}/lockers/lk-once/compartments/9", new { personId = "T001" }, ct);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.DoesNotContain(keys.DeviceKey, await again.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "must be classroom or office"), (badKind.StatusCode, await ErrorAsync(badKind, "kind")));
        Assert.Equal(HttpStatusCode.Forbidden, badSchool.StatusCode); // not the signed-in user's school, so refused before validation
        Assert.Equal(HttpStatusCode.BadRequest, noColumn.StatusCode);
        Assert.Contains("no staff code column", await noColumn.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badUid.StatusCode);
        Assert.DoesNotContain("04A1B2C3D4", await badUid.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, "must be 1 to 8"), (pupilBox.StatusCode, await ErrorAsync(pupilBox, "compartment")));
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(TestContext.Current.CancellationToken);
        return string.Join("; ", problem!.Errors[field]);
    }

    private static async Task<RegisteredLocker> RegisterAsync(HttpClient client, string locker, int compartments)
    {
        HttpResponseMessage response = await client.PostAsJsonAsync(
            $"/api/schools/{School}/lockers", new { locker, kind = LockerKind.Classroom, compartments }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RegisteredLocker>(TestContext.Current.CancellationToken))!;
    }

    private static async Task ImportStaffAsync(HttpClient client)
    {
        HttpResponseMessage response = await client.PostAsync(
            $"/api/schools/{School}/people/import/staff?full=true", new StringContent(StaffCsv, Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ImportReport report = (await response.Content.ReadFromJsonAsync<ImportReport>(TestContext.Current.CancellationToken))!;
        Assert.Equal((2, 0), (report.Added, report.Rejected));
    }

    private static async Task<CredentialInfo> EnrolAsync(HttpClient client, string personId, string uid)
    {
        HttpResponseMessage response = await client.PostAsJsonAsync(
            $"/api/schools/{School}/people/{personId}/credentials", new { uid }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CredentialInfo>(TestContext.Current.CancellationToken))!;
    }

    private static async Task AssignAsync(HttpClient client, string locker, int compartment, string personId)
    {
        HttpResponseMessage response = await client.PutAsJsonAsync(
            $"/api/schools/{School}/lockers/{locker}/compartments/{compartment}", new { personId }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<List<PublishedConfig>> PublishAsync(HttpClient client)
    {
        HttpResponseMessage response = await client.PostAsync($"/api/schools/{School}/lockers/publish", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<PublishedConfig>>(TestContext.Current.CancellationToken))!;
    }

    private static async Task<LockerInfo> WaitForLockerAsync(HttpClient client, string locker, Func<LockerInfo, bool> condition)
    {
        LockerInfo? info = null;
        for (int i = 0; i < 100; i++)
        {
            info = await client.GetFromJsonAsync<LockerInfo>($"/api/schools/{School}/lockers/{locker}", TestContext.Current.CancellationToken);
            if (info is not null && condition(info))
            {
                return info;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"locker never reached the expected state; last: {info}");
        return info!;
    }

    private static async Task<LockerConfig> ReadRetainedConfigAsync(GatewayHost gateway, string locker, byte[] deviceKey)
    {
        var received = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        using IMqttClient subscriber = new MqttClientFactory().CreateMqttClient();
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(
            RawLocker.ClientOptions(gateway.BrokerPort, new LockerSettings { School = School, Device = locker, DeviceKey = deviceKey }), TestContext.Current.CancellationToken);
        await subscriber.SubscribeAsync(Topics.For(School, locker, TopicKind.Config), cancellationToken: TestContext.Current.CancellationToken);
        byte[] payload = await received.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.True(ConfigCodec.TryDecode(payload, locker, deviceKey, out LockerConfig config, out string reason), reason);
        return config;
    }
}
