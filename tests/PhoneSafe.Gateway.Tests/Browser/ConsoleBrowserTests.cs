using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Browser;

/// <summary>
/// The console pages (flags, office, compliance, lockers) in Debian's Chromium against the real gateway, broker and
/// virtual lockers, on a 1024×768 tablet viewport.
/// </summary>
public sealed class ConsoleBrowserTests
{
    private const string School = "console-browser";
    private static readonly byte[] s_officeCard = [0x04, 0x0F, 0xF1, 0xCE];
    private static readonly byte[] s_pupilCard = [0x04, 0x70, 0x71, 0x72];

    [Fact]
    public async Task Flags_SltInvestigatesAndResolves_HistoryNamesTheSignedInUser()
    {
        using var gateway = new GatewayHost(realHttpServer: true);
        await gateway.StartAsync();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await gateway.Services.GetRequiredService<PeopleStore>().UpsertAsync(new Person(School, "T001", PersonKind.Staff, "Ada Lovelace", "Science"), ct);
        await gateway.Services.GetRequiredService<FlagStore>().CommitAsync(
            [(School, new FlagDraft(FlagKind.StaffRetrieveInContactTime, "k1", "T001", null, "lk-science", 3, null, gateway.Services.GetRequiredService<TimeProvider>().GetUtcNow(), "Ada Lovelace retrieved a phone in period 2"))],
            [], [], null, ct);
        await CreateAccountAsync(gateway, "head.teacher", UserRoles.Slt, null);
        await using BrowserSession browser = await BrowserSession.StartAsync(gateway.BaseUrl);
        await browser.SignInAsync("head.teacher", GatewayHost.TestPassword);

        await browser.Page.GotoAsync("/flags");
        await Assertions.Expect(browser.Page.GetByTestId("flag-row")).ToContainTextAsync("Ada Lovelace (T001)");
        await browser.ScreenshotAsync("flags-queue");
        await browser.Page.GetByRole(AriaRole.Link, new() { Name = FlagKind.StaffRetrieveInContactTime }).ClickAsync();
        await browser.Page.GetByLabel("Under investigation").CheckAsync();
        await browser.Page.GetByLabel("Note", new() { Exact = true }).FillAsync("Asked Ada; says it was a family call.");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Record step" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByTestId("flag-status")).ToHaveTextAsync("under-investigation");

        await browser.Page.GetByLabel("Resolved").CheckAsync();
        await browser.Page.GetByLabel("Outcome (when resolving)").SelectOptionAsync(new SelectOptionValue { Label = "explained" });
        await browser.Page.GetByLabel("Note", new() { Exact = true }).FillAsync("Family emergency; Head advised to agree an exception next time.");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Record step" }).ClickAsync();

        await Assertions.Expect(browser.Page.GetByTestId("flag-status")).ToHaveTextAsync("resolved: explained");
        await Assertions.Expect(browser.Page.GetByTestId("history-row")).ToHaveCountAsync(3);
        await Assertions.Expect(browser.Page.GetByTestId("history-row").Last).ToContainTextAsync("head.teacher");
        await browser.ScreenshotAsync("flag-detail-resolved");
    }

    [Fact]
    public async Task Flags_DoorForcedAtLocker_NewFlagAppearsWithoutReload()
    {
        using var gateway = new GatewayHost(realHttpServer: true);
        await gateway.StartAsync();
        using LockerRig rig = await LockerRig.StartAsync(gateway, School, "lk-hall");
        await CreateAccountAsync(gateway, "deputy.head", UserRoles.Slt, null);
        await using BrowserSession browser = await BrowserSession.StartAsync(gateway.BaseUrl);
        await browser.SignInAsync("deputy.head", GatewayHost.TestPassword);
        await browser.Page.GotoAsync("/flags");
        await Assertions.Expect(browser.Page.GetByTestId("flag-row").Filter(new() { HasText = FlagKind.DoorForced })).ToHaveCountAsync(0);
        await browser.Page.WaitForFunctionAsync("document.body.dataset.live === 'connected'");

        rig.Fleet.Act(() => rig.Locker.Compartments.Force(2));
        rig.RunUntilAcknowledged();

        await Assertions.Expect(browser.Page.GetByTestId("flag-row").Filter(new() { HasText = FlagKind.DoorForced })).ToHaveCountAsync(1, new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task Office_PupilPhoneTakenIn_OfficeRecordsNoticeAndReleasesIt()
    {
        using var gateway = new GatewayHost(realHttpServer: true);
        await gateway.StartAsync();
        CancellationToken ct = TestContext.Current.CancellationToken;
        using LockerRig rig = await LockerRig.StartAsync(gateway, School, "lk-office");
        LockerSettings settings = rig.Locker.Settings;
        var people = gateway.Services.GetRequiredService<PeopleStore>();
        await people.UpsertAsync(new Person(School, "OF1", PersonKind.Staff, "Olive Office", Office: true), ct);
        await people.UpsertAsync(new Person(School, "1234", PersonKind.Pupil, "Percy Pupil", Group: "7A", Year: "7"), ct);
        await people.LinkCredentialAsync(School, CredentialHash.Compute(settings.CredentialKey, s_officeCard), "OF1", ct);
        await people.LinkCredentialAsync(School, CredentialHash.Compute(settings.CredentialKey, s_pupilCard), "1234", ct);
        await PublishOfficeConfigAsync(gateway, rig);

        rig.Fleet.Act(() =>
        {
            rig.Locker.Tap(s_officeCard);
            rig.Locker.UseLocker(s_pupilCard);
        });
        rig.RunUntilAcknowledged();
        await CreateAccountAsync(gateway, "office.one", UserRoles.Office, null);
        await using BrowserSession browser = await BrowserSession.StartAsync(gateway.BaseUrl);
        await browser.SignInAsync("office.one", GatewayHost.TestPassword);

        await browser.Page.GotoAsync("/office");
        await Assertions.Expect(browser.Page.GetByTestId("held-row")).ToContainTextAsync("Percy Pupil");
        await browser.Page.GetByLabel("Pupil", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Percy Pupil (1234)" });
        await browser.Page.GetByLabel("How").SelectOptionAsync("phone");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Record notice" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByTestId("held-row")).ToContainTextAsync("phone, by office.one");
        await browser.ScreenshotAsync("office-held");

        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Release", Exact = true }).ClickAsync();

        await Assertions.Expect(browser.Page.GetByTestId("held-status")).ToContainTextAsync("release recorded");
        await Assertions.Expect(browser.Page.GetByTestId("release-row")).ToContainTextAsync("1234");
        List<OfficeRelease> releases = await gateway.Services.GetRequiredService<DashboardStore>().ListReleasesAsync(School, DateTimeOffset.MinValue, ct);
        Assert.Equal(("1234", "office.one", false), (Assert.Single(releases).PupilId, releases[0].By, releases[0].Early));

        await browser.Page.GotoAsync("/today");
        await Assertions.Expect(browser.Page.GetByTestId("custody-row")).ToContainTextAsync("Percy Pupil");
        await browser.ScreenshotAsync("today-compartments");
        await browser.Page.GotoAsync("/lockers");
        await Assertions.Expect(browser.Page.GetByTestId("locker-row")).ToContainTextAsync("lk-office");
        await browser.ScreenshotAsync("lockers");
    }

    [Fact]
    public async Task Compliance_SltSeesChartsAndTables()
    {
        using var gateway = new GatewayHost(realHttpServer: true);
        await gateway.StartAsync();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await gateway.Services.GetRequiredService<PeopleStore>().UpsertAsync(new Person(School, "T001", PersonKind.Staff, "Ada Lovelace", "Science"), ct);
        await gateway.Services.GetRequiredService<CalendarStore>().SaveAsync(School, new CalendarDefinition(
            "UTC", [new Term("Now", new DateOnly(2000, 1, 1), new DateOnly(2100, 1, 1))], [],
            [.. Enumerable.Range(1, 7).Select(d => new DaySchedule(d, [new TimeWindow(new TimeOnly(0, 0), new TimeOnly(23, 59))], new TimeOnly(23, 59)))], 2), ct);
        await CreateAccountAsync(gateway, "head.teacher", UserRoles.Slt, null);
        await using BrowserSession browser = await BrowserSession.StartAsync(gateway.BaseUrl);
        await browser.SignInAsync("head.teacher", GatewayHost.TestPassword);

        await browser.Page.GotoAsync("/compliance?by=week");

        await Assertions.Expect(browser.Page.GetByTestId("table-person")).ToContainTextAsync("Ada Lovelace (T001)");
        await Assertions.Expect(browser.Page.Locator("svg[role=img]")).ToHaveCountAsync(2);
        await browser.Page.EvaluateAsync("() => { window.print = () => document.body.dataset.printed = 'yes'; }");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Print / save as PDF" }).ClickAsync();
        await Assertions.Expect(browser.Page.Locator("body")).ToHaveAttributeAsync("data-printed", "yes");
        Assert.Empty(browser.ContentSecurityPolicyViolations);
        await browser.ScreenshotAsync("compliance");
    }

    private static async Task PublishOfficeConfigAsync(GatewayHost gateway, LockerRig rig)
    {
        LockerSettings settings = rig.Locker.Settings;
        var config = new LockerConfig { Version = 2 };
        config.Allow.Add(new AllowEntry { Credential = CredentialHash.Compute(settings.CredentialKey, s_officeCard), Role = Roles.Office });
        config.Allow.Add(new AllowEntry { Credential = CredentialHash.Compute(settings.CredentialKey, s_pupilCard), Role = Roles.Pupil });
        await gateway.Services.GetRequiredService<ILockerBus>().PublishAsync(
            Topics.For(School, settings.Device, TopicKind.Config), ConfigCodec.Encode(settings.Device, config, settings.DeviceKey), true, TestContext.Current.CancellationToken);
        Assert.True(rig.Fleet.RunUntil(() => rig.Locker.Controller.Config.Version == 2, TimeSpan.FromSeconds(20)), "office configuration not applied");
    }

    private static async Task CreateAccountAsync(GatewayHost gateway, string userName, string role, string? personId) =>
        Assert.Null(await gateway.Services.GetRequiredService<AccountService>().CreateAsync(
            new GatewayUser(0, userName, userName, role, School, personId), GatewayHost.TestPassword, TestContext.Current.CancellationToken));
}
