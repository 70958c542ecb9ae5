using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhoneSafe.Firmware.Virtual;
using PhoneSafe.Gateway.Enrolment;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Tests.Support;
using PhoneSafe.Simulator;

namespace PhoneSafe.Gateway.Tests.Browser;

/// <summary>
/// Parents made aware, confiscations and staff members' own accounts in Debian's Chromium against the real gateway:
/// a phone confiscated in class taken in at the office console and its parents e-mailed through a real SMTP server,
/// the notice wording edited by SLT, and a teacher's account of a flag on /me read by SLT on the flag page.
/// </summary>
public sealed class NoticesBrowserTests
{
    private const string School = "notices-browser";
    private static readonly byte[] s_pupilCard = [0x04, 0x51, 0x52, 0x53];

    [Fact]
    public async Task OfficeConsole_PhoneConfiscatedInClass_RecordedShownAndParentsEmailed()
    {
        using SmtpSink mail = await SmtpSink.StartAsync();
        using var gateway = new GatewayHost(realHttpServer: true, settings: new Dictionary<string, string>
        {
            ["SmtpOptions:Host"] = "127.0.0.1",
            ["SmtpOptions:Port"] = mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SmtpOptions:Security"] = "None",
            ["SmtpOptions:From"] = "office@school.example",
        });
        await gateway.StartAsync();
        CancellationToken ct = TestContext.Current.CancellationToken;
        var people = gateway.Services.GetRequiredService<PeopleStore>();
        await people.UpsertAsync(new Person(School, "4321", PersonKind.Pupil, "Percy Pupil", Group: "8C", Year: "8"), ct);
        await people.UpsertAsync(new Person(School, "T001", PersonKind.Staff, "Ada Teacher", "Maths"), ct);
        Assert.Equal(EnrolmentStatus.Enrolled, (await gateway.Services.GetRequiredService<CardEnrolment>().EnrolAsync(School, "4321", Convert.ToHexString(s_pupilCard), ct)).Status);
        using LockerFleet fleet = await RegisteredLockers.StartAsync(gateway, School, "lk-office", LockerKind.Office);
        VirtualLocker locker = fleet.Lockers[0];
        fleet.StartRealTime();
        await CreateAccountAsync(gateway, "office.three", UserRoles.Office, null);
        await using BrowserSession browser = await BrowserSession.StartAsync(gateway.BaseUrl);
        await browser.SignInAsync("office.three", GatewayHost.TestPassword);

        await browser.Page.GotoAsync("/office");
        await browser.Page.GetByLabel("Take in the phone of (pupil code)").FillAsync("4321");
        await browser.Page.GetByLabel("A teacher confiscated it in class and brought it here").CheckAsync();
        await browser.Page.GetByLabel("Confiscated by (staff code)").FillAsync("T001");
        await browser.Page.GetByLabel("Lesson (if known)").FillAsync("Year 8 Maths");
        await browser.Page.GetByLabel("Room (if known)").FillAsync("M4");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Take in" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByTestId("office-message")).ToContainTextAsync("Recorded: confiscated in class by T001. lk-office is unlocking a compartment");
        OpenAndClose(fleet, locker);

        await Assertions.Expect(browser.Page.GetByTestId("held-confiscated")).ToContainTextAsync("confiscated in class by T001", new() { Timeout = 20_000 });
        await Assertions.Expect(browser.Page.GetByTestId("held-confiscated")).ToContainTextAsync("Year 8 Maths, room M4; handed to office.three");
        await browser.Page.GotoAsync("/office");
        await browser.Page.GetByLabel("E-mail the parents of").SelectOptionAsync(new SelectOptionValue { Label = "Percy Pupil (4321)" });
        await browser.Page.GetByLabel("Parent's e-mail address (from the school's records)").FillAsync("parent@home.example");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Send e-mail" }).ClickAsync();

        await Assertions.Expect(browser.Page.GetByTestId("office-message")).ToContainTextAsync("E-mail sent to the parents of 4321");
        await Assertions.Expect(browser.Page.GetByTestId("delivery-row")).ToContainTextAsync("sent");
        await Assertions.Expect(browser.Page.GetByTestId("held-row")).ToContainTextAsync("e-mail, by office.three");
        Assert.Contains("Percy Pupil's mobile phone was confiscated in class and taken to the school office", Assert.Single(mail.Messages).Replace("\r\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        await browser.ScreenshotAsync("office-confiscation");
    }

    [Fact]
    public async Task NoticeTemplatePage_SltEditsTheWording_BadPlaceholderRefusedThenSavedAndPreviewed()
    {
        using var gateway = new GatewayHost(realHttpServer: true);
        await gateway.StartAsync();
        await CreateAccountAsync(gateway, "deputy.head", UserRoles.Slt, null);
        await using BrowserSession browser = await BrowserSession.StartAsync(gateway.BaseUrl);
        await browser.SignInAsync("deputy.head", GatewayHost.TestPassword);

        await browser.Page.GotoAsync("/");
        await browser.Page.GetByRole(AriaRole.Link, new() { Name = "Notice to parents" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByTestId("template-preview")).ToContainTextAsync("Sam Example's phone is at the school office");
        await browser.Page.GetByLabel("Subject").FillAsync("Phone of {pupil}");
        await browser.Page.GetByLabel("Text").FillAsync("Dear {parent}, {pupil}'s phone is at the office until {homeTime}.");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Save wording" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByTestId("template-message")).ToContainTextAsync("{parent} is not a placeholder");

        await browser.Page.GetByLabel("Text").FillAsync("Dear parent, {pupil}'s phone is at the office until {homeTime}.");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Save wording" }).ClickAsync();

        await Assertions.Expect(browser.Page.GetByTestId("template-message")).ToContainTextAsync("Saved");
        await browser.Page.GotoAsync("/notice-template");
        await Assertions.Expect(browser.Page.GetByTestId("template-preview")).ToContainTextAsync("Dear parent, Sam Example's phone is at the office until 15:20.");
        NoticeTemplate saved = await gateway.Services.GetRequiredService<NoticeStore>().GetTemplateAsync(School, TestContext.Current.CancellationToken);
        Assert.Equal(("Phone of {pupil}", "deputy.head"), (saved.Subject, saved.UpdatedBy));
        await browser.ScreenshotAsync("notice-template");
    }

    [Fact]
    public async Task MePage_TeacherGivesTheirAccountOfAFlag_SltSeesItAndItIsFixedOnceResolved()
    {
        using var gateway = new GatewayHost(realHttpServer: true);
        await gateway.StartAsync();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await gateway.Services.GetRequiredService<PeopleStore>().UpsertAsync(new Person(School, "T001", PersonKind.Staff, "Ada Teacher", "Maths"), ct);
        var flags = gateway.Services.GetRequiredService<FlagStore>();
        await flags.CommitAsync(
            [(School, new FlagDraft(FlagKind.StaffRetrieveInContactTime, "k1", "T001", null, "lk-maths", 3, null, gateway.Services.GetRequiredService<TimeProvider>().GetUtcNow(), "Ada Teacher retrieved a phone in period 2"))],
            [], [], null, ct);
        long id = Assert.Single(await flags.ListAsync(School, new FlagFilter(), ct)).Id;
        await CreateAccountAsync(gateway, "ada.teacher", UserRoles.Staff, "T001");
        await CreateAccountAsync(gateway, "head.teacher", UserRoles.Slt, null);
        await using BrowserSession teacher = await BrowserSession.StartAsync(gateway.BaseUrl);
        await teacher.SignInAsync("ada.teacher", GatewayHost.TestPassword);

        await teacher.Page.GotoAsync("/me");
        await Assertions.Expect(teacher.Page.GetByTestId("own-flag")).ToContainTextAsync("retrieved a phone in period 2");
        await teacher.Page.GetByLabel("Your account").FillAsync("My son's school rang: he was unwell.");
        await teacher.Page.GetByRole(AriaRole.Button, new() { Name = "Save my account" }).ClickAsync();
        await Assertions.Expect(teacher.Page.GetByTestId("me-message")).ToContainTextAsync("saved");
        await teacher.ScreenshotAsync("me-flag-account");

        await using BrowserSession slt = await BrowserSession.StartAsync(gateway.BaseUrl);
        await slt.SignInAsync("head.teacher", GatewayHost.TestPassword);
        await slt.Page.GotoAsync($"/flags/{id}");
        await Assertions.Expect(slt.Page.GetByTestId("flag-account")).ToContainTextAsync("My son's school rang: he was unwell. (written by ada.teacher");
        await flags.ReviewAsync(School, [id], FlagStatus.UnderInvestigation, null, "asked", "head.teacher", ct);
        await flags.ReviewAsync(School, [id], FlagStatus.Resolved, FlagResolution.Explained, "unwell child", "head.teacher", ct);

        await teacher.Page.GotoAsync("/me");
        await Assertions.Expect(teacher.Page.GetByTestId("own-account")).ToHaveTextAsync("Your account: My son's school rang: he was unwell.");
        await Assertions.Expect(teacher.Page.GetByRole(AriaRole.Button, new() { Name = "Save my account" })).ToHaveCountAsync(0);
    }

    private static void OpenAndClose(LockerFleet fleet, VirtualLocker locker)
    {
        int unlocked = 0;
        Assert.True(
            SpinWait.SpinUntil(() => (unlocked = Enumerable.Range(1, 4).FirstOrDefault(locker.Compartments.IsUnlocked)) != 0, TimeSpan.FromSeconds(20)),
            "the office unit did not unlock");
        fleet.Act(() => locker.Compartments.TryOpen(unlocked));
        Thread.Sleep(300);
        fleet.Act(() => locker.Compartments.Close(unlocked));
    }

    private static async Task CreateAccountAsync(GatewayHost gateway, string userName, string role, string? personId) =>
        Assert.Null(await gateway.Services.GetRequiredService<AccountService>().CreateAsync(
            new GatewayUser(0, userName, userName, role, School, personId), GatewayHost.TestPassword, TestContext.Current.CancellationToken));
}
