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
/// The demo (a small school, one week of history) as a first-time user starts it, late on a weekday morning: the
/// history is in the ledger, on the compliance page and in the flags, some of them reviewed; today's deposits are not
/// flagged missing before the lockers have played the morning; on a healthy loopback network hardly anything is sent
/// twice; the log has one line per publication, not one per locker.
/// </summary>
public sealed class DemoTests
{
    private const string School = "demo-school";
    private static readonly TimeZoneInfo s_london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

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
            ["PolicyOptions:EvaluateSeconds"] = "1",
        })
        {
            ConfigureServices = services =>
            {
                services.AddSingleton<ILoggerProvider>(logs);

                // Started at 11:00 on a Wednesday, long after the 08:45 deposit deadline of the day the lockers play.
                var clock = new DemoClock(new StartedAt(new DateTimeOffset(2026, 11, 18, 11, 0, 0, TimeSpan.Zero)), s_london);
                services.AddSingleton(clock);
                services.AddSingleton<TimeProvider>(clock);
            },
        };
        try
        {
            await gateway.StartAsync();
            using HttpClient slt = await gateway.SignInAsync(UserRoles.Slt, School);
            using HttpClient admin = await gateway.SignInAsync(UserRoles.Admin, School);
            DemoClock clock = gateway.Services.GetRequiredService<DemoClock>();
            IReadOnlyList<DateOnly> history = DemoSchoolService.HistoryDays(clock.PlayedDate, 1);

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
            List<Flag> historyFlags = (await slt.GetFromJsonAsync<List<Flag>>(FormattableString.Invariant($"/api/schools/{School}/flags?from={history[0]:yyyy-MM-dd}&to={clock.PlayedDate:yyyy-MM-dd}"), ct))!;
            Assert.Contains(historyFlags, f => f.Status == FlagStatus.Resolved && f.Resolution is not null);
            Assert.Contains(historyFlags, f => f.Status == FlagStatus.UnderInvestigation);

            // Every member of staff deposits by 08:40 in the played day: once the lockers' time is past 08:45 and the
            // policy has run, today has no missing deposit (on the real clock, the demo flagged nearly everybody).
            await WaitForAsync(() => TimeZoneInfo.ConvertTime(clock.Played.GetUtcNow(), s_london).TimeOfDay > new TimeSpan(9, 0, 0), TimeSpan.FromMinutes(1));
            await Task.Delay(TimeSpan.FromSeconds(3), ct); // a few policy passes (every second here)
            List<Flag> missing = (await slt.GetFromJsonAsync<List<Flag>>(FormattableString.Invariant($"/api/schools/{School}/flags?kind={FlagKind.NoDepositByContactTime}&from={clock.PlayedDate:yyyy-MM-dd}"), ct))!;
            Assert.True(missing.Count <= 2, $"{missing.Count} deposits flagged missing today");

            Assert.DoesNotContain(logs.Entries, e => e.Category == typeof(LockerConfigPublisher).FullName && e.Level >= LogLevel.Information && e.Message.StartsWith("Published configuration ", StringComparison.Ordinal));
            Assert.Contains(logs.Entries, e => e.Category == typeof(LockerConfigPublisher).FullName && e.Level == LogLevel.Information && e.Message.Contains("of 4 lockers of demo-school", StringComparison.Ordinal));
        }
        finally
        {
            await gateway.DisposeAsync();
            Directory.Delete(state, recursive: true);
        }
    }

    /// <summary>The real clock, as if started at a given time.</summary>
    private sealed class StartedAt(DateTimeOffset start) : TimeProvider
    {
        private readonly TimeSpan _offset = start - System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
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
