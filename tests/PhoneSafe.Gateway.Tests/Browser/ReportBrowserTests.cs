using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Security;
using PhoneSafe.Gateway.Tests.Reports;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Browser;

/// <summary>The governors' report page in Debian's Chromium, against the real gateway.</summary>
public sealed class ReportBrowserTests
{
    private const string School = "report-school";

    [Fact]
    public async Task Report_HeadteacherOpensTheTerm_SeesTheFiguresAndDownloadsThemAsPdf()
    {
        using var gateway = new GatewayHost(realHttpServer: true);
        await gateway.StartAsync();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await gateway.Services.GetRequiredService<CalendarStore>().SaveAsync(
            School,
            new CalendarDefinition(CalendarDefinition.DefaultTimeZoneId, [new Term("Spring", new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 27))], [], CalendarDefinition.DefaultDays, CalendarDefinition.DefaultParentNoticeHours),
            ct);
        await gateway.Services.GetRequiredService<DailyFiguresStore>().ReplaceAsync(School, new DateOnly(2026, 1, 5), new DateOnly(2026, 1, 6), GovernorsReportPdfTests.Figures, ct);
        Assert.Null(await gateway.Services.GetRequiredService<AccountService>().CreateAsync(
            new GatewayUser(0, "the.head", "The Head", UserRoles.Headteacher, School, null), GatewayHost.TestPassword, ct));
        await using BrowserSession browser = await BrowserSession.StartAsync(gateway.BaseUrl);

        await browser.SignInAsync("the.head", GatewayHost.TestPassword);
        await browser.Page.GotoAsync("/report?term=2026-01-05");

        await Assertions.Expect(browser.Page.GetByTestId("summary")).ToContainTextAsync("Staff deposit rate: 75% (3 of 4 staff-days");
        await Assertions.Expect(browser.Page.GetByTestId("summary")).ToContainTextAsync("resolved as a breach: 1");
        await Assertions.Expect(browser.Page.GetByRole(AriaRole.Row, new() { Name = FlagKind.StaffRetrieveInContactTime })).ToBeVisibleAsync();
        await browser.ScreenshotAsync("governors-report");

        IDownload download = await browser.Page.RunAndWaitForDownloadAsync(() => browser.Page.GetByTestId("download-pdf").ClickAsync());
        string path = await download.PathAsync();
        Assert.Contains("Pupil phones held at the office: 2", GovernorsReportPdfTests.PageText(await File.ReadAllBytesAsync(path, ct)), StringComparison.Ordinal);
        Assert.Contains(await gateway.Services.GetRequiredService<UserStore>().GetAuditAsync(School, 50, ct), a => a.Action == "export:governors-report-pdf");
    }
}
