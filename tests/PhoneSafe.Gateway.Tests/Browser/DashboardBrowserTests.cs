using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Browser;

/// <summary>
/// The real pages in Debian's Chromium, against the real gateway, broker and virtual lockers.
/// </summary>
public sealed class DashboardBrowserTests
{
    private const string School = "browser-school";

    [Fact]
    public async Task Today_StaffDepositsWhileSltWatches_RowAppearsWithoutReload()
    {
        using var gateway = new GatewayHost(realHttpServer: true);
        await gateway.StartAsync();
        using LockerRig rig = await LockerRig.StartAsync(gateway, School, "lk-staffroom");
        await LinkStaffCardAsync(gateway, rig, "T001", "Ada Lovelace");
        await CreateAccountAsync(gateway, "head.teacher", UserRoles.Slt, null);
        await using BrowserSession browser = await BrowserSession.StartAsync(gateway.BaseUrl);

        await browser.SignInAsync("head.teacher", GatewayHost.TestPassword);
        await browser.Page.GotoAsync("/today");
        await Assertions.Expect(browser.Page.GetByTestId("empty-board")).ToBeVisibleAsync();
        await browser.Page.WaitForFunctionAsync("document.body.dataset.live === 'connected'");

        rig.Fleet.Act(() => rig.Locker.UseLocker(LockerRig.StaffCard));
        rig.RunUntilAcknowledged();

        await Assertions.Expect(browser.Page.GetByTestId("custody-row")).ToContainTextAsync("Ada Lovelace");
        await browser.ScreenshotAsync("today-live-deposit");
    }

    [Fact]
    public async Task Staff_SeesOnlyTheirOwnRecord_AndCannotOpenToday()
    {
        using var gateway = new GatewayHost(realHttpServer: true);
        await gateway.StartAsync();
        using LockerRig rig = await LockerRig.StartAsync(gateway, School, "lk-science");
        await LinkStaffCardAsync(gateway, rig, "T001", "Ada Lovelace");
        rig.Fleet.Act(() => rig.Locker.UseLocker(LockerRig.StaffCard));
        rig.RunUntilAcknowledged();
        await CreateAccountAsync(gateway, "ada", UserRoles.Staff, "T001");
        await CreateAccountAsync(gateway, "grace", UserRoles.Staff, "T002");

        await using (BrowserSession ada = await BrowserSession.StartAsync(gateway.BaseUrl))
        {
            await ada.SignInAsync("ada", GatewayHost.TestPassword);
            Assert.EndsWith("/me", ada.Page.Url, StringComparison.Ordinal);
            await Assertions.Expect(ada.Page.GetByTestId("own-row")).ToHaveCountAsync(1);
            await ada.Page.GotoAsync("/today");
            await Assertions.Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        }

        await using BrowserSession grace = await BrowserSession.StartAsync(gateway.BaseUrl);
        await grace.SignInAsync("grace", GatewayHost.TestPassword);
        await Assertions.Expect(grace.Page.GetByTestId("own-empty")).ToBeVisibleAsync();
        await Assertions.Expect(grace.Page.GetByTestId("own-row")).ToHaveCountAsync(0);
    }

    private static async Task LinkStaffCardAsync(GatewayHost gateway, LockerRig rig, string staffCode, string name)
    {
        var people = gateway.Services.GetRequiredService<PeopleStore>();
        await people.UpsertAsync(new Person(School, staffCode, PersonKind.Staff, name, "Science"), TestContext.Current.CancellationToken);
        await people.LinkCredentialAsync(School, CredentialHash.Compute(rig.Locker.Settings.CredentialKey, LockerRig.StaffCard), staffCode, TestContext.Current.CancellationToken);
    }

    private static async Task CreateAccountAsync(GatewayHost gateway, string userName, string role, string? personId) =>
        Assert.Null(await gateway.Services.GetRequiredService<AccountService>().CreateAsync(
            new GatewayUser(0, userName, userName, role, School, personId), GatewayHost.TestPassword, TestContext.Current.CancellationToken));
}
