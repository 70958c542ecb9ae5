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

    [Fact]
    public async Task Api_TwoWeekTimetable_NeedsWeekAStart_ThenDayShowsTheRightWeek()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        using HttpClient client = await gateway.SignInAsync(UserRoles.Slt, School);
        const string Csv = "Staff Code,Day,Start,End,Activity\nABC,Wed A,09:00,10:00,Lesson\nABC,Wed B,14:00,15:00,Break duty\n";
        var calendar = new CalendarDocument(null, null, [new TermDto("Autumn", "2026-09-02", "2026-12-18")], [], null);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/schools/{School}/calendar", calendar, ct)).StatusCode);

        using var first = new StringContent(Csv, System.Text.Encoding.UTF8, "text/csv");
        HttpResponseMessage refused = await client.PutAsync(new Uri($"/api/schools/{School}/timetable", UriKind.Relative), first, ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Week A start", await refused.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync($"/api/schools/{School}/calendar", calendar with { WeekAStart = "2026-09-08" }, ct)).StatusCode); // a Tuesday
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/schools/{School}/calendar", calendar with { WeekAStart = "2026-09-07" }, ct)).StatusCode);
        using var second = new StringContent(Csv, System.Text.Encoding.UTF8, "text/csv");
        TimetableImport? imported = await (await client.PutAsync(new Uri($"/api/schools/{School}/timetable?validFrom=2026-11-02", UriKind.Relative), second, ct)).Content.ReadFromJsonAsync<TimetableImport>(ct);

        Assert.Equal(new TimetableImport(1, 2, 0), imported);
        CalendarDay? weekB = await client.GetFromJsonAsync<CalendarDay>($"/api/schools/{School}/calendar/days/2026-11-25?person=ABC", ct);
        CalendarDay? weekA = await client.GetFromJsonAsync<CalendarDay>($"/api/schools/{School}/calendar/days/2026-12-02?person=ABC", ct);
        Assert.Equal("14:00", Assert.Single(weekB!.Contact).Start);
        Assert.Equal("09:00", Assert.Single(weekA!.Contact).Start);
    }

    [Fact]
    public async Task Api_BulkReview_AllOrNothing_ValidationProblems()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var gateway = new GatewayHost();
        await gateway.StartAsync();
        using HttpClient client = await gateway.SignInAsync(UserRoles.Slt, School);
        DateTimeOffset now = gateway.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await gateway.Services.GetRequiredService<FlagStore>().CommitAsync(
            [.. Enumerable.Range(1, 3).Select(i => (School, new FlagDraft(FlagKind.LockerOffline, $"k{i}", null, null, "lk-1", null, null, now, $"offline {i}")))], [], [], null, ct);
        long[] ids = [.. (await client.GetFromJsonAsync<List<Flag>>($"/api/schools/{School}/flags", ct))!.Select(f => f.Id)];

        HttpResponseMessage noNote = await client.PostAsJsonAsync($"/api/schools/{School}/flags/review", new FlagBulkReviewRequest(ids, FlagStatus.Resolved, FlagResolution.FalseAlarm, null), ct);
        HttpResponseMessage missing = await client.PostAsJsonAsync($"/api/schools/{School}/flags/review", new FlagBulkReviewRequest([.. ids, 12345], FlagStatus.Resolved, FlagResolution.FalseAlarm, "network switch"), ct);
        HttpResponseMessage done = await client.PostAsJsonAsync($"/api/schools/{School}/flags/review", new FlagBulkReviewRequest(ids, FlagStatus.Resolved, FlagResolution.FalseAlarm, "network switch replaced"), ct);

        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Contains("note", await noNote.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("12345", await missing.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        List<Flag> after = (await client.GetFromJsonAsync<List<Flag>>($"/api/schools/{School}/flags", ct))!;
        Assert.All(after, f => Assert.Equal(FlagResolution.FalseAlarm, f.Resolution));
        Assert.Contains(await gateway.Services.GetRequiredService<UserStore>().GetAuditAsync(School, 50, ct), a => a.Action == "flag:reviewed" && a.Detail.Contains("flags=", StringComparison.Ordinal));
    }
}
