using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Tests.Support;
using PhoneSafe.Simulator;

namespace PhoneSafe.Gateway.Tests.Browser;

/// <summary>
/// The Firmware page in Debian's Chromium: the IT technician uploads an image, rolls it out to a virtual locker (the real
/// firmware core) and watches it reach "confirmed" without reloading; the Lockers page shows the new version.
/// </summary>
public sealed class FirmwareBrowserTests
{
    private const string School = "firmware-browser";

    [Fact]
    public async Task FirmwarePage_UploadThenRollout_ProgressTurnsConfirmedWithoutReload_AndTheLockersPageShowsTheVersion()
    {
        using var gateway = new GatewayHost(realHttpServer: true);
        await gateway.StartAsync();
        using LockerFleet fleet = await RegisteredLockers.StartAsync(gateway, School, "lk-hall", LockerKind.Classroom);
        fleet.StartRealTime();
        Assert.Null(await gateway.Services.GetRequiredService<AccountService>().CreateAsync(
            new GatewayUser(0, "it.technician", "it.technician", UserRoles.Admin, School, null), GatewayHost.TestPassword, TestContext.Current.CancellationToken));
        await using BrowserSession browser = await BrowserSession.StartAsync(gateway.BaseUrl);
        await browser.SignInAsync("it.technician", GatewayHost.TestPassword);

        await browser.Page.GotoAsync("/firmware");
        await browser.Page.GetByLabel("Version (for example 1.2.0)").FillAsync("Version 2");
        await browser.Page.GetByLabel("The application's .pe files", new() { Exact = false }).SetInputFilesAsync(
        [
            new FilePayload { Name = "PhoneSafe.Firmware.Core.pe", MimeType = "application/octet-stream", Buffer = RandomNumberGenerator.GetBytes(9000) },
            new FilePayload { Name = "PhoneSafe.Firmware.Esp32.pe", MimeType = "application/octet-stream", Buffer = RandomNumberGenerator.GetBytes(3000) },
        ]);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByTestId("firmware-message")).ToContainTextAsync("version: must be 1 to 32 characters");

        await browser.Page.GetByLabel("Version (for example 1.2.0)").FillAsync("2.0.0");
        await browser.Page.GetByLabel("The application's .pe files", new() { Exact = false }).SetInputFilesAsync(
        [
            new FilePayload { Name = "PhoneSafe.Firmware.Core.pe", MimeType = "application/octet-stream", Buffer = RandomNumberGenerator.GetBytes(9000) },
            new FilePayload { Name = "PhoneSafe.Firmware.Esp32.pe", MimeType = "application/octet-stream", Buffer = RandomNumberGenerator.GetBytes(3000) },
        ]);
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByTestId("release-row")).ToContainTextAsync("2.0.0");

        await browser.Page.WaitForFunctionAsync("document.body.dataset.live === 'connected'");
        await browser.Page.GetByLabel("lk-hall").CheckAsync();
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Start rollout" }).ClickAsync();
        await Assertions.Expect(browser.Page.GetByTestId("firmware-message")).ToContainTextAsync("Rolling out 2.0.0 to lk-hall.");
        await browser.Page.WaitForFunctionAsync("document.body.dataset.live === 'connected'");
        await Assertions.Expect(browser.Page.GetByTestId("firmware-state")).ToHaveTextAsync(FirmwareStates.Confirmed, new() { Timeout = 30_000 });
        await browser.ScreenshotAsync("firmware");

        await browser.Page.GotoAsync("/lockers");
        await Assertions.Expect(browser.Page.GetByTestId("locker-firmware")).ToHaveTextAsync("2.0.0");
    }
}
