using System.Data.Common;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Web;

/// <summary>On a gateway serving several schools, an administrator sees only their own school's ingest internals.</summary>
public sealed class SchoolScopeTests
{
    [Fact]
    public async Task QuarantineAndRateLimits_ShowOnlyTheAdministratorsSchool()
    {
        using var sut = new GatewayHost();
        await sut.StartAsync();
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using (DbConnection connection = await sut.Services.GetRequiredService<IDatabase>().OpenAsync(ct))
        {
            foreach (string topic in new[] { "phonesafe/school-a/lk-1/events", "phonesafe/school-b/lk-1/events" })
            {
                await using DbCommand insert = connection.Command(
                    "INSERT INTO quarantine (received_utc, topic, reason, payload, payload_bytes) VALUES ('2026-11-25T08:00:00.0000000+00:00', @topic, 'bad-mac', @payload, 1)",
                    null,
                    ("@topic", topic),
                    ("@payload", new byte[] { 0x78 }));
                await insert.ExecuteNonQueryAsync(ct);
            }
        }

        sut.Services.GetRequiredService<IngestCounters>().CountRateLimited("school-a/lk-1");
        sut.Services.GetRequiredService<IngestCounters>().CountRateLimited("school-b/lk-1");
        HttpClient admin = await sut.SignInAsync(UserRoles.Admin, "school-a");

        List<QuarantinedMessage> quarantine = (await admin.GetFromJsonAsync<List<QuarantinedMessage>>("/api/quarantine", ct))!;
        IngestStatistics ingest = (await admin.GetFromJsonAsync<IngestStatistics>("/api/ingest", ct))!;

        Assert.Equal("phonesafe/school-a/lk-1/events", Assert.Single(quarantine).Topic);
        Assert.Equal("school-a/lk-1", Assert.Single(ingest.RateLimited).Key);
    }
}
