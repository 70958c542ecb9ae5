using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Browser;

/// <summary>
/// The main pages of the demo school (history played, the live day under way) in Debian's Chromium. With
/// PHONESAFE_UPDATE_SCREENSHOTS=1 it also writes the README's screenshots to docs/screenshots/; otherwise it only
/// checks that each page shows the school's data, and leaves the working tree alone.
/// </summary>
public sealed class DemoPagesBrowserTests
{
    private const string School = "demo-school";

    [Fact]
    public async Task MainPages_DemoSchool_ShowHistoryAndTheLiveDay()
    {
        string state = Directory.CreateTempSubdirectory("phonesafe-demo-pages-").FullName;
        var gateway = new GatewayHost(realHttpServer: true, settings: new Dictionary<string, string>
        {
            ["DemoOptions:Enabled"] = "true",
            ["DemoOptions:Lockers"] = "6",
            ["DemoOptions:OfficeCompartments"] = "16",
            ["DemoOptions:Staff"] = "48",
            ["DemoOptions:Pupils"] = "40",
            ["DemoOptions:HistoryWeeks"] = "4",
            ["DemoOptions:Speed"] = "600",
            ["DemoOptions:StateDirectory"] = Path.Combine(state, "lockers"),
        });
        try
        {
            await gateway.StartAsync();
            Assert.Null(await gateway.Services.GetRequiredService<AccountService>().CreateAsync(
                new GatewayUser(0, "head.teacher", "Head Teacher", UserRoles.Admin, School, null), GatewayHost.TestPassword, TestContext.Current.CancellationToken));

            // The history (four weeks), then the live day until staff phones and pupil phones are in.
            var waited = Stopwatch.StartNew();
            while (gateway.Counters.Snapshot().Stored < 2000)
            {
                Assert.True(waited.Elapsed < TimeSpan.FromMinutes(4), $"demo stored only {gateway.Counters.Snapshot().Stored} events");
                await Task.Delay(500, TestContext.Current.CancellationToken);
            }

            await using BrowserSession browser = await BrowserSession.StartAsync(gateway.BaseUrl);
            await browser.SignInAsync("head.teacher", GatewayHost.TestPassword);

            await browser.Page.GotoAsync("/today");
            await Assertions.Expect(browser.Page.GetByTestId("custody-row").First).ToBeVisibleAsync();
            await SaveAsync(browser, "today");

            await browser.Page.GotoAsync("/compliance");
            await Assertions.Expect(browser.Page.GetByTestId("total-rate")).ToContainTextAsync("deposit rate over");
            await Assertions.Expect(browser.Page.GetByTestId("total-rate")).Not.ToContainTextAsync("over 0 staff-days");
            await SaveAsync(browser, "compliance");

            await browser.Page.GotoAsync("/flags");
            await Assertions.Expect(browser.Page.GetByTestId("flag-row").First).ToBeVisibleAsync();
            await SaveAsync(browser, "flags");

            await browser.Page.GotoAsync("/office");
            await Assertions.Expect(browser.Page.GetByText("Home-time today")).ToBeVisibleAsync();
            await Assertions.Expect(browser.Page.GetByTestId("held-row").First).ToBeVisibleAsync();
            await SaveAsync(browser, "office");

            await browser.Page.GotoAsync("/lockers");
            await Assertions.Expect(browser.Page.GetByTestId("locker-row")).ToHaveCountAsync(7);
            await SaveAsync(browser, "lockers");
        }
        finally
        {
            await gateway.DisposeAsync();
            Directory.Delete(state, recursive: true);
        }
    }

    /// <summary>Writes docs/screenshots/{name}.png when PHONESAFE_UPDATE_SCREENSHOTS=1.</summary>
    private static async Task SaveAsync(BrowserSession browser, string name)
    {
        if (Environment.GetEnvironmentVariable("PHONESAFE_UPDATE_SCREENSHOTS") != "1")
        {
            return;
        }

        DirectoryInfo root = new(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "PhoneSafe.slnx")))
        {
            root = root.Parent ?? throw new InvalidOperationException("PhoneSafe.slnx not found above " + AppContext.BaseDirectory);
        }

        string directory = Path.Combine(root.FullName, "docs", "screenshots");
        Directory.CreateDirectory(directory);
        await browser.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = false });
    }
}
