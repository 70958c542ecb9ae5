using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Browser;

/// <summary>
/// The calendar editor, the timetable import page and bulk triage on the Flags page, in Debian's Chromium against the
/// real gateway.
/// </summary>
public sealed class TimetableBrowserTests
{
    private const string School = "timetable-browser";

    [Fact]
    public async Task Calendar_SltAddsTermInsetWeekAAndPattern_StoredAsEntered()
    {
        using var gateway = new GatewayHost(realHttpServer: true);
        await gateway.StartAsync();
        await CreateAccountAsync(gateway, "deputy.head");
        await using BrowserSession browser = await BrowserSession.StartAsync(gateway.BaseUrl);
        await browser.SignInAsync("deputy.head", GatewayHost.TestPassword);

        await browser.Page.GotoAsync("/calendar");
        await browser.Page.GetByText("Edit the calendar").ClickAsync();
        await browser.Page.GetByLabel("Term 1 name").FillAsync("Autumn");
        await browser.Page.GetByLabel("Term 1 first day").FillAsync("2026-09-02");
        await browser.Page.GetByLabel("Term 1 last day").FillAsync("2026-12-18");
        await browser.Page.GetByLabel("Closure 1 first day").FillAsync("2026-09-02");
        await browser.Page.GetByLabel("Closure 1 reason").FillAsync("staff training");
        await browser.Page.GetByLabel("Week A starts").FillAsync("2026-09-07");
        await browser.Page.GetByLabel("Pattern 1 staff code").FillAsync("SITE1");
        await browser.Page.GetByLabel("Pattern 2 staff code").FillAsync("PT1");
        await browser.Page.GetByLabel("Pattern 2 Mon").CheckAsync();
        await browser.Page.GetByLabel("Pattern 2 Tue").CheckAsync();
        await browser.Page.GetByLabel("Fri contact time").FillAsync("08:45-12:15, 13:05-14:30");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Save calendar" }).ClickAsync();

        await Assertions.Expect(browser.Page.GetByTestId("calendar-message")).ToHaveTextAsync("Calendar saved.");
        await browser.ScreenshotAsync("calendar-editor");
        CalendarDefinition stored = (await gateway.Services.GetRequiredService<CalendarStore>().GetAsync(School, TestContext.Current.CancellationToken))!;
        Assert.Equal(new Term("Autumn", new DateOnly(2026, 9, 2), new DateOnly(2026, 12, 18)), Assert.Single(stored.Terms));
        Assert.Equal(new Closure(new DateOnly(2026, 9, 2), new DateOnly(2026, 9, 2), ClosureKind.Inset, "staff training"), Assert.Single(stored.Closures));
        Assert.Equal(new DateOnly(2026, 9, 7), stored.WeekAStart);
        Assert.Equal(["PT1 1,2", "SITE1 "], stored.StaffPatterns!.Select(p => p.PersonId + " " + string.Join(',', p.Weekdays)));
        Assert.Equal(new TimeOnly(14, 30), stored.Days.Single(d => d.Weekday == 5).Contact[^1].End);

        await browser.Page.GetByText("Edit the calendar").ClickAsync();
        await browser.Page.GetByLabel("Week A starts").FillAsync("2026-09-08");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Save calendar" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByTestId("calendar-message")).ToContainTextAsync("must be the Monday of a Week A");
    }

    [Fact]
    public async Task Timetable_ImportsMisExportAndAddsCover_BadFileStoresNothing()
    {
        using var gateway = new GatewayHost(realHttpServer: true);
        await gateway.StartAsync();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await gateway.Services.GetRequiredService<PeopleStore>().UpsertAsync(new Person(School, "ABC", PersonKind.Staff, "Ada Lovelace"), ct);
        await CreateAccountAsync(gateway, "deputy.head");
        await using BrowserSession browser = await BrowserSession.StartAsync(gateway.BaseUrl);
        await browser.SignInAsync("deputy.head", GatewayHost.TestPassword);
        await browser.Page.GotoAsync("/timetable");

        await browser.Page.GetByLabel("Timetable file (CSV)").SetInputFilesAsync(new FilePayload
        {
            Name = "bad.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes("Staff Code,Day,Start,End\nABC,Funday,09:00,10:00\n"),
        });
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Import timetable" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByTestId("timetable-message")).ToContainTextAsync("Funday");
        await Assertions.Expect(browser.Page.GetByTestId("timetable-row")).ToHaveCountAsync(0);

        await browser.Page.GetByLabel("Timetable file (CSV)").SetInputFilesAsync(new FilePayload
        {
            Name = "arbor.csv", MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("Staff Code,Day,Period,Start,End,Class,Room,Type\nABC,Mon,P1,08:45,09:45,7A,S1,Lesson\nABC,Mon,REG,08:30,08:45,7T,S1,Registration\nABC,Tue,P2,09:45,10:45,,,PPA\n"),
        });
        await browser.Page.GetByLabel("In force from").FillAsync("2026-09-02");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Import timetable" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByTestId("timetable-message")).ToHaveTextAsync("Imported 2 weekly entries for 1 member(s) of staff and 0 cover lesson(s).");
        await Assertions.Expect(browser.Page.GetByTestId("timetable-row")).ToContainTextAsync("Mon 08:30–08:45 form");

        await browser.Page.GetByLabel("Staff code").FillAsync("ABC");
        await browser.Page.GetByLabel("Date").FillAsync("2026-12-03");
        await browser.Page.GetByLabel("Start").FillAsync("11:30");
        await browser.Page.GetByLabel("End").FillAsync("12:30");
        await browser.Page.GetByLabel("Class").FillAsync("9C");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Add cover" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByTestId("cover-row")).ToContainTextAsync("11:30–12:30");
        await browser.ScreenshotAsync("timetable-import");
        Assert.Equal(3, (await gateway.Services.GetRequiredService<CalendarStore>().GetTimetableAsync(School, "ABC", ct)).Count);
    }

    [Fact]
    public async Task Flags_BulkTriage_ResolvesTheTickedFlagsOnly()
    {
        using var gateway = new GatewayHost(realHttpServer: true);
        await gateway.StartAsync();
        CancellationToken ct = TestContext.Current.CancellationToken;
        DateTimeOffset now = gateway.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await gateway.Services.GetRequiredService<FlagStore>().CommitAsync(
            [.. new[] { "lk-a", "lk-b", "lk-c" }.Select((l, i) => (School, new FlagDraft(FlagKind.LockerOffline, l, null, null, l, null, null, now.AddMinutes(-i), $"Locker {l} offline")))],
            [], [], null, ct);
        await CreateAccountAsync(gateway, "deputy.head");
        await using BrowserSession browser = await BrowserSession.StartAsync(gateway.BaseUrl);
        await browser.SignInAsync("deputy.head", GatewayHost.TestPassword);
        await browser.Page.GotoAsync("/flags");
        await Assertions.Expect(browser.Page.GetByTestId("flag-row")).ToHaveCountAsync(3);

        await browser.Page.GetByTestId("flag-row").Filter(new() { HasText = "Locker lk-a offline" }).GetByRole(AriaRole.Checkbox).CheckAsync();
        await browser.Page.GetByTestId("flag-row").Filter(new() { HasText = "Locker lk-b offline" }).GetByRole(AriaRole.Checkbox).CheckAsync();
        await browser.Page.GetByLabel("Resolved").CheckAsync();
        await browser.Page.GetByLabel("Outcome (when resolving)").SelectOptionAsync(new SelectOptionValue { Label = FlagResolution.FalseAlarm });
        await browser.Page.GetByLabel("Note for every selected flag").FillAsync("Network switch replaced in the hall.");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Review selected" }).ClickAsync();

        await Assertions.Expect(browser.Page.GetByTestId("flags-message")).ToHaveTextAsync("Recorded resolved (false-alarm) on 2 flag(s).");
        await Assertions.Expect(browser.Page.GetByTestId("flag-row")).ToHaveCountAsync(1); // the open queue
        await Assertions.Expect(browser.Page.GetByTestId("flag-row")).ToContainTextAsync("lk-c");
        await browser.ScreenshotAsync("flags-bulk-triage");
        List<Flag> resolved = await gateway.Services.GetRequiredService<FlagStore>().ListAsync(School, new FlagFilter(Status: FlagStatus.Resolved), ct);
        Assert.Equal(["lk-a", "lk-b"], resolved.Select(f => f.Locker).Order());
        Assert.All(resolved, f => Assert.Equal(FlagResolution.FalseAlarm, f.Resolution));
    }

    private static async Task CreateAccountAsync(GatewayHost gateway, string userName) =>
        Assert.Null(await gateway.Services.GetRequiredService<AccountService>().CreateAsync(
            new GatewayUser(0, userName, userName, UserRoles.Slt, School, null), GatewayHost.TestPassword, TestContext.Current.CancellationToken));
}
