using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhoneSafe.Firmware.Virtual;
using PhoneSafe.Gateway.Enrolment;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Pages;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Tests.Support;
using PhoneSafe.Simulator;

namespace PhoneSafe.Gateway.Tests.Browser;

/// <summary>
/// Driving lockers from the web pages in Debian's Chromium: a remote unlock from the locker page, enrolment mode from
/// the People page, intake and release from the office console, each carried out by a virtual locker (the real firmware core).
/// </summary>
public sealed class LockerCommandsBrowserTests
{
    private const string School = "commands-browser";
    private static readonly byte[] s_newCard = [0x04, 0x31, 0x32, 0x33];
    private static readonly byte[] s_pupilCard = [0x04, 0x41, 0x42, 0x43];

    [Fact]
    public async Task LockerPage_SltUnlocksACompartmentWithAReason_StateTurnsExecutedWithoutReload()
    {
        using var gateway = new GatewayHost(realHttpServer: true);
        await gateway.StartAsync();
        using LockerFleet fleet = await RegisteredLockers.StartAsync(gateway, School, "lk-lab", LockerKind.Classroom);
        fleet.StartRealTime();
        await CreateAccountAsync(gateway, "deputy.head", UserRoles.Slt);
        await using BrowserSession browser = await BrowserSession.StartAsync(gateway.BaseUrl);
        await browser.SignInAsync("deputy.head", GatewayHost.TestPassword);

        await browser.Page.GotoAsync("/lockers");
        await browser.Page.GetByRole(AriaRole.Link, new() { Name = "lk-lab" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Button, new() { Name = "Identify (flash its LEDs)" })).ToHaveCountAsync(0);
        await browser.Page.GetByLabel("Compartment", new() { Exact = true }).First.FillAsync("3");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByTestId("locker-message")).ToContainTextAsync("say why");

        await browser.Page.GetByLabel("Compartment", new() { Exact = true }).First.FillAsync("3");
        await browser.Page.GetByLabel("Reason (required)").FillAsync("Pupil's inhaler locked in by mistake");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Assertions.Expect(browser.Page.GetByTestId("command-state")).ToHaveTextAsync("executed", new() { Timeout = 20_000 });
        await Assertions.Expect(browser.Page.GetByTestId("command-row")).ToContainTextAsync("Pupil's inhaler locked in by mistake");
        Assert.True(fleet.Lockers[0].Compartments.IsUnlocked(3));
        await browser.ScreenshotAsync("locker-commands");
    }

    [Fact]
    public async Task PeoplePage_AdminStartsEnrolmentMode_TapsAnUnknownCard_AndLinksIt_ThenTheNextCardCanBeTapped()
    {
        using var gateway = new GatewayHost(realHttpServer: true);
        await gateway.StartAsync();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await gateway.Services.GetRequiredService<PeopleStore>().UpsertAsync(new Person(School, "T007", PersonKind.Staff, "Grace Hopper"), ct);
        using LockerFleet fleet = await RegisteredLockers.StartAsync(gateway, School, "lk-staffroom", LockerKind.Classroom);
        VirtualLocker locker = fleet.Lockers[0];
        fleet.StartRealTime();
        await CreateAccountAsync(gateway, "it.technician", UserRoles.Admin);
        await using BrowserSession browser = await BrowserSession.StartAsync(gateway.BaseUrl);
        await browser.SignInAsync("it.technician", GatewayHost.TestPassword);

        await browser.Page.GotoAsync("/people");
        await browser.Page.GetByLabel("Locker", new() { Exact = true }).First.SelectOptionAsync("lk-staffroom");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Start enrolment mode" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByTestId("people-message")).ToContainTextAsync("Enrolment mode started at lk-staffroom");
        Assert.True(SpinWait.SpinUntil(locker.Controller.IsEnrolling, TimeSpan.FromSeconds(20)), "the locker did not enter enrolment mode");
        fleet.Act(() => locker.Tap(s_newCard));

        // The card reaches the pending list once its event is stored; the page shows it on the next load.
        for (int i = 0; i < 40 && await browser.Page.GetByTestId("pending-card").CountAsync() == 0; i++)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            await browser.Page.GotoAsync("/people");
        }

        await Assertions.Expect(browser.Page.GetByTestId("pending-card")).ToContainTextAsync("lk-staffroom");
        await browser.Page.GetByTestId("pending-card").GetByPlaceholder("code").FillAsync("T007");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Link, then next card" }).ClickAsync();

        await Assertions.Expect(browser.Page.GetByTestId("people-message")).ToContainTextAsync("Card linked to T007. Enrolment mode started at lk-staffroom");
        Assert.True(SpinWait.SpinUntil(locker.Controller.IsEnrolling, TimeSpan.FromSeconds(20)), "enrolment mode did not start again for the next card");
        CredentialInfo card = Assert.Single(await gateway.Services.GetRequiredService<PeopleStore>().ListCredentialsAsync(School, "T007", ct));
        Assert.Equal(Firmware.Core.Protocol.CredentialHash.Compute(locker.Settings.CredentialKey, s_newCard), card.Credential);
    }

    [Fact]
    public async Task PeoplePage_EnrolsTheStaffListInOneSitting_TapForEachName_WithSkip_AndASummary()
    {
        using var gateway = new GatewayHost(realHttpServer: true);
        await gateway.StartAsync();
        CancellationToken ct = TestContext.Current.CancellationToken;
        PeopleStore store = gateway.Services.GetRequiredService<PeopleStore>();
        await store.UpsertAsync(new Person(School, "T101", PersonKind.Staff, "Ada Lovelace"), ct);
        await store.UpsertAsync(new Person(School, "T102", PersonKind.Staff, "Barbara Liskov"), ct);
        await store.UpsertAsync(new Person(School, "T103", PersonKind.Staff, "Claude Shannon"), ct);
        using LockerFleet fleet = await RegisteredLockers.StartAsync(gateway, School, "lk-staffroom", LockerKind.Classroom);
        VirtualLocker locker = fleet.Lockers[0];
        fleet.StartRealTime();
        await CreateAccountAsync(gateway, "it.three", UserRoles.Admin);
        await using BrowserSession browser = await BrowserSession.StartAsync(gateway.BaseUrl);
        await browser.SignInAsync("it.three", GatewayHost.TestPassword);
        IPage page = browser.Page;

        await page.GotoAsync("/people");
        ILocator walk = page.GetByTestId("walk");
        await walk.GetByLabel("List").SelectOptionAsync(PeopleModel.StaffList);
        await walk.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("walk-prompt")).ToContainTextAsync("Tap the card for Ada Lovelace");
        await TapAndLinkAsync(page, fleet, locker, [0x04, 0x61, 0x62, 0x63], "Ada Lovelace");
        await Assertions.Expect(page.GetByTestId("walk-prompt")).ToContainTextAsync("Tap the card for Barbara Liskov");
        await page.GetByRole(AriaRole.Button, new() { Name = "Skip" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("walk-prompt")).ToContainTextAsync("Tap the card for Claude Shannon");
        await TapAndLinkAsync(page, fleet, locker, [0x04, 0x71, 0x72, 0x73], "Claude Shannon");

        await Assertions.Expect(page.GetByTestId("walk-summary")).ToContainTextAsync("2 card(s) linked, 1 skipped: Barbara Liskov");
        Assert.Single(await store.ListCredentialsAsync(School, "T101", ct));
        Assert.Empty(await store.ListCredentialsAsync(School, "T102", ct));
        Assert.Single(await store.ListCredentialsAsync(School, "T103", ct));
    }

    private static async Task TapAndLinkAsync(IPage page, LockerFleet fleet, VirtualLocker locker, byte[] card, string name)
    {
        Assert.True(SpinWait.SpinUntil(locker.Controller.IsEnrolling, TimeSpan.FromSeconds(20)), "the locker did not enter enrolment mode");
        fleet.Act(() => locker.Tap(card));

        // The card is listed once its event is stored; "Check for the card" reloads the step.
        for (int i = 0; i < 40 && await page.GetByTestId("walk-card").CountAsync() == 0; i++)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            await page.GetByTestId("walk-check").ClickAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = $"Link to {name}, next" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("people-message")).ToContainTextAsync($"Card linked to {name}.");
    }

    [Fact]
    public async Task OfficeConsole_TakesAPhoneInAndReleasesIt_ThroughTheOfficeUnit()
    {
        using var gateway = new GatewayHost(realHttpServer: true);
        await gateway.StartAsync();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await gateway.Services.GetRequiredService<PeopleStore>().UpsertAsync(new Person(School, "4321", PersonKind.Pupil, "Percy Pupil", Group: "8C", Year: "8"), ct);
        Assert.Equal(EnrolmentStatus.Enrolled, (await gateway.Services.GetRequiredService<CardEnrolment>().EnrolAsync(School, "4321", Convert.ToHexString(s_pupilCard), ct)).Status);
        using LockerFleet fleet = await RegisteredLockers.StartAsync(gateway, School, "lk-office", LockerKind.Office);
        VirtualLocker locker = fleet.Lockers[0];
        fleet.StartRealTime();
        await CreateAccountAsync(gateway, "office.two", UserRoles.Office);
        await using BrowserSession browser = await BrowserSession.StartAsync(gateway.BaseUrl);
        await browser.SignInAsync("office.two", GatewayHost.TestPassword);

        await browser.Page.GotoAsync("/office");
        await browser.Page.WaitForFunctionAsync("document.body.dataset.live === 'connected'");
        await browser.Page.GetByLabel("Take in the phone of (pupil code)").FillAsync("4321");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Take in" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByTestId("office-message")).ToContainTextAsync("lk-office is unlocking a compartment");
        int compartment = OpenAndClose(fleet, locker);

        await Assertions.Expect(browser.Page.GetByTestId("held-row")).ToContainTextAsync("Percy Pupil", new() { Timeout = 20_000 });
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Release", Exact = true }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByTestId("office-message")).ToContainTextAsync($"unlocking the phone of Percy Pupil (compartment {compartment})");
        Assert.Equal(compartment, OpenAndClose(fleet, locker));
        await Assertions.Expect(browser.Page.GetByTestId("office-empty")).ToBeVisibleAsync(new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task LockerPage_SltRecordsAPhoneTakenOutWithTheOverrideKey_CustodyEnds_AndTheLockerIsCleared()
    {
        using var gateway = new GatewayHost(realHttpServer: true);
        await gateway.StartAsync();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await gateway.Services.GetRequiredService<PeopleStore>().UpsertAsync(new Person(School, "T009", PersonKind.Staff, "Alan Turing"), ct);
        Assert.Equal(EnrolmentStatus.Enrolled, (await gateway.Services.GetRequiredService<CardEnrolment>().EnrolAsync(School, "T009", Convert.ToHexString(s_newCard), ct)).Status);
        using LockerFleet fleet = await RegisteredLockers.StartAsync(gateway, School, "lk-hall", LockerKind.Classroom);
        VirtualLocker locker = fleet.Lockers[0];
        Assert.True(fleet.RunUntil(() => locker.Controller.Config.Allow.Count == 1, TimeSpan.FromSeconds(20)), "the card never reached the locker");
        int compartment = 0;
        fleet.Act(() => compartment = locker.UseLocker(s_newCard));
        Assert.True(fleet.RunUntil(() => fleet.Outstanding == 0, TimeSpan.FromSeconds(30)), "the deposit was not acknowledged");
        fleet.StartRealTime();
        await CreateAccountAsync(gateway, "deputy.two", UserRoles.Slt);
        await using BrowserSession browser = await BrowserSession.StartAsync(gateway.BaseUrl);
        await browser.SignInAsync("deputy.two", GatewayHost.TestPassword);

        await browser.Page.GotoAsync("/lockers/lk-hall");
        IPage page = browser.Page;
        ILocator form = page.GetByTestId("reconcile-form");
        await form.GetByLabel("Compartment").FillAsync(compartment.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByLabel("Taken out at").FillAsync("2026-01-05T08:30");
        await form.GetByLabel("Taken out by").FillAsync("Site manager");
        await form.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("locker-message")).ToContainTextAsync("say why");

        await form.GetByLabel("Compartment").FillAsync(compartment.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByLabel("Taken out at").FillAsync("2026-01-05T08:30");
        await form.GetByLabel("Taken out by").FillAsync("Site manager");
        await form.GetByLabel("Why").FillAsync("Controller dead; phone needed for a family emergency");
        await form.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("locker-message")).ToContainTextAsync($"the phone in compartment {compartment} is out of custody");
        await Assertions.Expect(page.GetByTestId("reconciliations")).ToContainTextAsync("2026-01-05 08:30:00");
        await Assertions.Expect(page.GetByTestId("reconciliations")).ToContainTextAsync("deputy.two");
        await Assertions.Expect(page.GetByTestId("command-state")).ToHaveTextAsync("executed", new() { Timeout = 20_000 });
        Assert.Empty(await gateway.Store.GetCustodyAsync(School, ct));
        Assert.Equal(string.Empty, locker.Controller.GetCompartment(compartment).Occupant);
    }

    private static int OpenAndClose(LockerFleet fleet, VirtualLocker locker)
    {
        int unlocked = 0;
        Assert.True(
            SpinWait.SpinUntil(() => (unlocked = Enumerable.Range(1, 4).FirstOrDefault(locker.Compartments.IsUnlocked)) != 0, TimeSpan.FromSeconds(20)),
            "the office unit did not unlock");
        fleet.Act(() => locker.Compartments.TryOpen(unlocked));
        Thread.Sleep(300);
        fleet.Act(() => locker.Compartments.Close(unlocked));
        return unlocked;
    }

    private static async Task CreateAccountAsync(GatewayHost gateway, string userName, string role) =>
        Assert.Null(await gateway.Services.GetRequiredService<AccountService>().CreateAsync(
            new GatewayUser(0, userName, userName, role, School, null), GatewayHost.TestPassword, TestContext.Current.CancellationToken));
}
