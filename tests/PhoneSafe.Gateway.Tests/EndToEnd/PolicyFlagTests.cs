using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.EndToEnd;

/// <summary>
/// Tap → ledger → policy → flag → API, with a virtual locker on the real firmware core and the embedded broker.
/// </summary>
public sealed class PolicyFlagTests
{
    private const string School = "policy-school";

    [Fact]
    public async Task VirtualLocker_RetrieveDuringContactTime_ShowsAsOpenFlagViaApi()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        using HttpClient client = await gateway.SignInAsync(UserRoles.Slt, School);
        using LockerRig rig = await LockerRig.StartAsync(gateway, School, "lk-policy");

        var calendar = new CalendarDocument(null, null, [new TermDto("Autumn", "2026-09-02", "2026-12-18")], [], null);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/schools/{School}/calendar", calendar, ct)).StatusCode);
        var people = gateway.Services.GetRequiredService<PeopleStore>();
        await people.UpsertAsync(new Person(School, "S1", PersonKind.Staff, "Ms Staff"), ct);
        await people.LinkCredentialAsync(School, CredentialHash.Compute(rig.Locker.Settings.CredentialKey, LockerRig.StaffCard), "S1", ct);

        rig.Fleet.Act(() =>
        {
            rig.Locker.Clock.Synchronize(new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc)); // Wednesday in term, 08:00 GMT
            rig.Locker.UseLocker(LockerRig.StaffCard); // deposit before contact time
            rig.Locker.Clock.Synchronize(new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc));
            rig.Locker.UseLocker(LockerRig.StaffCard); // retrieve at 10:00, in contact time
        });
        rig.RunUntilAcknowledged();

        List<Flag>? flags = null;
        for (int i = 0; i < 100 && (flags is null || flags.Count == 0); i++)
        {
            await Task.Delay(200, ct);
            flags = await client.GetFromJsonAsync<List<Flag>>($"/api/schools/{School}/flags?status=open&kind={FlagKind.StaffRetrieveInContactTime}&person=S1", ct);
        }

        Flag flag = Assert.Single(flags!);
        Assert.Equal("lk-policy", flag.Locker);
        Assert.Contains("10:00", flag.Detail, StringComparison.Ordinal);

        HttpResponseMessage review = await client.PostAsJsonAsync($"/api/schools/{School}/flags/{flag.Id}/review", new FlagReviewRequest(FlagStatus.Resolved, FlagResolution.Explained, "family emergency, Head advised", "Mrs Head"), ct);
        FlagDetails? details = await review.Content.ReadFromJsonAsync<FlagDetails>(ct);
        Assert.Equal(FlagStatus.Resolved, details!.Flag.Status);
        Assert.Equal(2, details.History.Count);
        Assert.StartsWith("slt-", details.History[^1].By, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_AnotherSchoolsFlags_AreForbidden()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        using HttpClient client = await gateway.SignInAsync(UserRoles.Slt, "other-school");

        HttpResponseMessage flags = await client.GetAsync(new Uri($"/api/schools/{School}/flags", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.Forbidden, flags.StatusCode);
    }

    [Fact]
    public async Task Api_BadInput_Returns400WithTheField()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        using HttpClient client = await gateway.SignInAsync(UserRoles.Slt, School);

        HttpResponseMessage calendar = await client.PutAsJsonAsync($"/api/schools/{School}/calendar", new CalendarDocument("Mars/Olympus", 0, [new TermDto("x", "2026-09-40", "2026-09-01")], [], null), ct);
        HttpResponseMessage exception = await client.PostAsJsonAsync($"/api/schools/{School}/exceptions/staff", new StaffExceptionRequest("S1", null, "2026-11-30", "2026-11-01"), ct);
        HttpResponseMessage flags = await client.GetAsync(new Uri($"/api/schools/{School}/flags?status=closed", UriKind.Relative), ct);
        using var csv = new StringContent("Staff,Day,Start,End\nABC,Funday,09:00,10:00", System.Text.Encoding.UTF8, "text/csv");
        HttpResponseMessage timetable = await client.PutAsync(new Uri($"/api/schools/{School}/timetable", UriKind.Relative), csv, ct);

        Assert.All(new[] { calendar, exception, flags, timetable }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        string calendarBody = await calendar.Content.ReadAsStringAsync(ct);
        Assert.Contains("timeZone", calendarBody, StringComparison.Ordinal);
        Assert.Contains("parentNoticeHours", calendarBody, StringComparison.Ordinal);
        Assert.Contains("reason", await exception.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Contains("Funday", await timetable.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }
}
