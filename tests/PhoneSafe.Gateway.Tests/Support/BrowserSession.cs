using Microsoft.Playwright;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (never a downloaded browser), headless, with the flags this closed
/// network needs. Missing Chromium: skipped locally, failed when PHONESAFE_REQUIRE_EXTERNAL=1.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (ContentSecurityPolicyViolations)
                {
                    ContentSecurityPolicyViolations.Add(message.Text);
                }
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Gets what the browser refused under the gateway's content security policy (should stay empty).</summary>
    public List<string> ContentSecurityPolicyViolations { get; } = [];

    public static async Task<BrowserSession> StartAsync(string baseUrl)
    {
        string chromium = ExternalComponent.Require("Chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser");
        IPlaywright playwright = await Playwright.CreateAsync();
        IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        IBrowserContext context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1024, Height = 768 } });
        // Bounds, not measurements: under the whole suite on 2 cores a sign-in redirect once took over 15 s, so pages and
        // assertions get 45 s before a test fails.
        context.SetDefaultTimeout(45_000);
        Assertions.SetDefaultExpectTimeout(45_000);
        return new BrowserSession(playwright, browser, await context.NewPageAsync());
    }

    /// <summary>Signs in through the form, as a person would.</summary>
    public async Task SignInAsync(string userName, string password)
    {
        await Page.GotoAsync("/login");
        await Page.GetByLabel("User name").FillAsync(userName);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Wait for the redirect to commit, not for the next page's "load" event: twice under the whole suite the URL had
        // changed and the network was idle, yet "load" was not reported within the timeout. What the test checks next
        // waits for its own elements.
        await Page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
    }

    /// <summary>Saves a screenshot under artifacts/screenshots for a person to look at.</summary>
    public async Task ScreenshotAsync(string name)
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
