using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Faults;

/// <summary>
/// A commit fails with something other than a database error (a defect). The gateway must not stop (the dashboards
/// would go with it, and the unacknowledged batch would crash it again after a restart): it reports on /health,
/// keeps the batch and stores it once the fault is gone.
/// </summary>
public sealed class CommitDefectTests
{
    private const string School = "fault-defect";

    [Fact]
    public async Task CommitThrowsUnexpectedly_GatewayStaysUpReportsUnhealthy_ThenStoresEverythingOnce()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var gateway = new GatewayHost();
        var faulty = new FaultyLedger();
        gateway.ConfigureServices = services => services.AddSingleton<ILedgerStore>(sp => faulty.Wrap(sp.GetRequiredService<LedgerStore>()));
        await gateway.StartAsync();
        using LockerRig rig = await LockerRig.StartAsync(gateway, School, "lk-defect");

        faulty.Failing = true;
        rig.Fleet.Act(() => rig.Locker.UseLocker(LockerRig.StaffCard));
        Assert.True(rig.Fleet.RunUntil(() => faulty.Failures >= 2, TimeSpan.FromSeconds(20)), "the commit was not attempted");
        using HttpClient http = gateway.CreateHttpsClient();
        using (HttpResponseMessage health = await http.GetAsync("/health", ct))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains(nameof(InvalidOperationException), await health.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }

        Assert.True(rig.Fleet.Outstanding > 0, "nothing may be acknowledged while commits fail");

        faulty.Failing = false;
        rig.RunUntilAcknowledged();
        Assert.Single(await gateway.GetCustodyAsync(School));
        (long count, long distinct, long min, long max) = await gateway.Store.GetEventSummaryAsync(School, "lk-defect", ct);
        Assert.Equal((count, 1L, max), (distinct, min, rig.Locker.Controller.Journal.NewestSequence));
        using HttpResponseMessage healthy = await http.GetAsync("/health", ct);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    /// <summary>The real ledger, with commits that throw a non-database exception while <see cref="Failing"/>.</summary>
    private sealed class FaultyLedger
    {
        private int _failures;

        public volatile bool Failing;

        public int Failures => Volatile.Read(ref _failures);

        public ILedgerStore Wrap(LedgerStore inner) => new Store(this, inner);

        private sealed class Store(FaultyLedger owner, LedgerStore inner) : ILedgerStore
        {
            public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

            public Task<CommitResult> CommitAsync(IReadOnlyList<VerifiedMessage> batch, CancellationToken cancellationToken)
            {
                if (owner.Failing)
                {
                    Interlocked.Increment(ref owner._failures);
                    throw new InvalidOperationException("injected defect");
                }

                return inner.CommitAsync(batch, cancellationToken);
            }

            public Task<byte[]> EnsureSchoolAsync(string school, byte[] credentialKey, CancellationToken cancellationToken) => inner.EnsureSchoolAsync(school, credentialKey, cancellationToken);

            public Task<byte[]> EnsureLockerAsync(string school, string locker, byte[] deviceKey, CancellationToken cancellationToken) => inner.EnsureLockerAsync(school, locker, deviceKey, cancellationToken);

            public Task<bool> ReplaceLockerKeyAsync(string school, string locker, byte[] deviceKey, CancellationToken cancellationToken) => inner.ReplaceLockerKeyAsync(school, locker, deviceKey, cancellationToken);

            public Task<IReadOnlyList<(string School, string Locker, byte[] Key)>> GetLockerKeysAsync(CancellationToken cancellationToken) => inner.GetLockerKeysAsync(cancellationToken);

            public Task<IReadOnlyList<CustodyItem>> GetCustodyAsync(string? school, CancellationToken cancellationToken) => inner.GetCustodyAsync(school, cancellationToken);

            public Task<IReadOnlyList<QuarantinedMessage>> GetQuarantineAsync(string? school, int limit, CancellationToken cancellationToken) => inner.GetQuarantineAsync(school, limit, cancellationToken);

            public Task<(long Count, long Distinct, long Min, long Max)> GetEventSummaryAsync(string school, string locker, CancellationToken cancellationToken) => inner.GetEventSummaryAsync(school, locker, cancellationToken);

            public Task<byte[]?> GetLockerKeyAsync(string school, string locker, CancellationToken cancellationToken) => inner.GetLockerKeyAsync(school, locker, cancellationToken);

            public Task<bool> RevokeLockerAsync(string school, string locker, CancellationToken cancellationToken) => inner.RevokeLockerAsync(school, locker, cancellationToken);
        }
    }
}
