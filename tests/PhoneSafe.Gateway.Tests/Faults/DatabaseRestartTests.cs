using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Faults;

/// <summary>
/// The trust-scale ledger, PostgreSQL, crashes mid-burst (<c>pg_ctl stop -m immediate</c>: every server process
/// quits at once, no checkpoint, open transactions cut) and is started again on the same port, where it runs crash
/// recovery from its WAL. A cluster of the test's own (<see cref="PostgreSqlServer.StartDedicated"/>), never the
/// shared one. The gateway is not restarted: its writer must get fresh connections by itself once the server is back
/// (the pooled ones are dead), and nothing may be acknowledged that the crash could have lost.
/// </summary>
public sealed class DatabaseRestartTests
{
    private const string School = "fault-postgres";

    [Fact]
    public async Task PostgreSqlCrashedAndRestarted_MidBurst_HealthUnhealthyWhileDown_ThenEveryEventOnceAndLedgerVerifies()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using PostgreSqlServer server = PostgreSqlServer.StartDedicated();
        string database = await server.CreateDatabaseAsync();
        using var gateway = new GatewayHost(postgreSqlConnectionString: database);
        await gateway.StartAsync();
        using LockerRig rig = await LockerRig.StartAsync(gateway, School, "lk-pg-a", "lk-pg-b", "lk-pg-c");
        using HttpClient http = gateway.CreateClient();
        var bus = gateway.Services.GetRequiredService<ILockerBus>();

        using (FleetBurst burst = FleetBurst.Start(rig.Fleet, rounds: 30, pauseMilliseconds: 150))
        {
            // Crash while events are flowing: once some are committed.
            Assert.True(
                await FaultTestSupport.WaitForAsync(() => LedgerAssert.ReadPostgreSql(database, School).Count > 6, TimeSpan.FromSeconds(30)),
                "nothing was committed before the crash\n" + server.Log);
            // Ten reads at once leave ten idle connections in the gateway's pool, all dead after the crash (as open
            // dashboards would): the writer must not keep drawing dead ones.
            await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => gateway.Store.GetCustodyAsync(School, ct)));
            server.Stop(immediate: true);
            long recordedAtCrash = rig.Fleet.Lockers.Sum(l => l.Controller.Journal.NewestSequence);

            // While down: /health says the ledger writer is failing, and the lockers keep what was not committed.
            JsonElement health = default;
            Assert.True(
                await FaultTestSupport.WaitForAsync(() => (health = Health(http, out HttpStatusCode code)).ValueKind == JsonValueKind.Object && code == HttpStatusCode.ServiceUnavailable && WriterStatus(health) == "Unhealthy", TimeSpan.FromSeconds(20)),
                "/health did not report the ledger writer unhealthy while PostgreSQL was down: " + health);
            Assert.Equal("Unhealthy", health.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
            await burst.WaitForRoundAsync(burst.Round + 4);
            Assert.True(rig.Fleet.Lockers.Sum(l => l.Controller.Journal.NewestSequence) > recordedAtCrash, "no events were recorded while PostgreSQL was down");
            Assert.True(rig.Fleet.Outstanding > 0, "the lockers' journals emptied although PostgreSQL was down");
            Assert.True(bus.IsConnected);

            // Back (crash recovery runs in pg_ctl start): the same gateway, not restarted, commits again and catches up.
            server.Start();
            Assert.True(
                await FaultTestSupport.WaitForAsync(() => WriterStatus(Health(http, out _)) == "Healthy", TimeSpan.FromSeconds(20)),
                "the ledger writer did not commit again within 20 s of PostgreSQL's restart\n" + server.Log);
            burst.Wait(TimeSpan.FromSeconds(40));
        }

        FaultTestSupport.Drain(rig.Fleet);
        Assert.True(
            await FaultTestSupport.WaitForAsync(() => Health(http, out HttpStatusCode code).ValueKind == JsonValueKind.Object && code == HttpStatusCode.OK, TimeSpan.FromSeconds(10)),
            "/health did not recover");

        LedgerAssert.ExactlyOnce(LedgerAssert.ReadPostgreSql(database, School), rig.Fleet);
        LedgerVerification verification = await gateway.VerifyLedgerAsync(School);
        Assert.True(verification.Ok, verification.FirstBreak?.Reason);
        Assert.Equal(rig.Fleet.Lockers.Sum(l => l.Controller.Journal.NewestSequence), verification.Events);
        Assert.Contains("not properly shut down; automatic recovery in progress", server.Log, StringComparison.Ordinal); // a crash, not a clean stop
    }

    private static string? WriterStatus(JsonElement health) =>
        health.TryGetProperty("checks", out JsonElement checks) && checks.TryGetProperty("ledger-writer", out JsonElement writer)
            ? writer.GetProperty("status").GetString()
            : null;

    private static JsonElement Health(HttpClient http, out HttpStatusCode status)
    {
        using HttpResponseMessage response = http.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        status = response.StatusCode;
        return JsonDocument.Parse(response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult()).RootElement.Clone();
    }
}
