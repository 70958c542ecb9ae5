using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Publishing;
using PhoneSafe.Gateway.Services;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.EndToEnd;

/// <summary>
/// The demo (a small school, one week of history) as a first-time user starts it: the history is in the ledger, on
/// the compliance page and in the flags; on a healthy loopback network hardly anything is sent twice; the log has
/// one line per publication, not one per locker.
/// </summary>
public sealed class DemoTests
{
    private const string School = "demo-school";

    [Fact]
    public async Task Demo_FirstRun_HistoryOnEveryPageAndNoResends()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string state = Directory.CreateTempSubdirectory("phonesafe-demo-").FullName;
        var logs = new LogCollector();
        var gateway = new GatewayHost(settings: new Dictionary<string, string>
        {
            ["DemoOptions:Enabled"] = "true",
            ["DemoOptions:Lockers"] = "3",
            ["DemoOptions:OfficeCompartments"] = "16",
            ["DemoOptions:Staff"] = "24",
            ["DemoOptions:Pupils"] = "20",
            ["DemoOptions:HistoryWeeks"] = "1",
            ["DemoOptions:Speed"] = "600",
            ["DemoOptions:StateDirectory"] = Path.Combine(state, "lockers"),
        })
        {
            ConfigureServices = services => services.AddSingleton<ILoggerProvider>(logs),
        };
        try
        {
            await gateway.StartAsync();
            using HttpClient slt = await gateway.SignInAsync(UserRoles.Slt, School);
            using HttpClient admin = await gateway.SignInAsync(UserRoles.Admin, School);
            IReadOnlyList<DateOnly> history = DemoSchoolService.HistoryDays(gateway.Services.GetRequiredService<DemoClock>().PlayedDate, 1);

            // The history first, then a stretch of the live day (600x: about 5 virtual minutes a real second).
            await WaitForAsync(() => logs.Entries.Any(e => e.Message.StartsWith("Demo history played", StringComparison.Ordinal)), TimeSpan.FromMinutes(3));
            long afterHistory = gateway.Counters.Snapshot().Stored;
            await WaitForAsync(() => gateway.Counters.Snapshot().Stored > afterHistory + 40, TimeSpan.FromMinutes(2));

            IngestStatistics stats = (await admin.GetFromJsonAsync<IngestStatistics>("/api/ingest", ct))!;
            Assert.True(stats.Duplicates <= Math.Max(3, stats.Stored / 100), $"resent: {stats.Duplicates} duplicates of {stats.Stored} stored, {stats.Received} received");

            string compliance = await slt.GetStringAsync(FormattableString.Invariant($"/compliance?From={history[0]:yyyy-MM-dd}&To={history[^1]:yyyy-MM-dd}"), ct);
            Match total = Regex.Match(compliance, @"<strong>(\d+)%</strong> deposit rate over (\d+) staff-days");
            Assert.True(total.Success, "no compliance total for the history");
            Assert.True(int.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture) >= 80, total.Value);
            Assert.Equal(24 * history.Count, int.Parse(total.Groups[2].Value, CultureInfo.InvariantCulture));

            List<Flag> flags = [];
            await WaitForAsync(
                async () => (flags = (await slt.GetFromJsonAsync<List<Flag>>($"/api/schools/{School}/flags?kind={FlagKind.StaffRetrieveInContactTime}", ct))!).Count >= history.Count,
                TimeSpan.FromSeconds(30));
            Assert.Contains(flags, f => f.Status == FlagStatus.Open);

            Assert.DoesNotContain(logs.Entries, e => e.Category == typeof(LockerConfigPublisher).FullName && e.Level >= LogLevel.Information && e.Message.StartsWith("Published configuration ", StringComparison.Ordinal));
            Assert.Contains(logs.Entries, e => e.Category == typeof(LockerConfigPublisher).FullName && e.Level == LogLevel.Information && e.Message.Contains("of 4 lockers of demo-school", StringComparison.Ordinal));
        }
        finally
        {
            await gateway.DisposeAsync();
            Directory.Delete(state, recursive: true);
        }
    }

    private static Task WaitForAsync(Func<bool> condition, TimeSpan timeout) => WaitForAsync(() => Task.FromResult(condition()), timeout);

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < timeout, "timed out");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
