using Microsoft.Extensions.Time.Testing;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Tests.Policy;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Security;

/// <summary>
/// Authentic events with the most extreme timestamps the protocol admits (1601-01-01 and 3000-12-31, nanoFramework's DateTime range; clock marked
/// synchronised), as a locker with a corrupted clock could sign: stored, and the policy engine evaluating them must
/// not throw (an exception there would stop the gateway's policy service, and by default the whole host).
/// </summary>
public sealed class BadClockEventTests : IAsyncLifetime
{
    private const string School = "clock-school";
    private const string Locker = "lk-1";
    private static readonly string s_office = new('b', 32);
    private static readonly string s_pupil = new('e', 32);
    private readonly FakeTimeProvider _time = new(TestCalendar.Utc("2026-11-25T07:00:00Z"));
    private readonly SqliteTestStorage _storage = new();
    private TestDatabase _db = null!;

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync(_storage, _time);

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData("3000-12-31T23:59:59Z")]
    [InlineData("1601-01-01T00:00:00Z")]
    public async Task ExtremeDeviceTimes_AreStored_AndThePolicyEngineDoesNotThrow(string deviceTime)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await _db.Ledger.EnsureSchoolAsync(School, new byte[32], ct);
        byte[] key = await _db.Ledger.EnsureLockerAsync(School, Locker, Enumerable.Repeat((byte)7, 32).ToArray(), ct);
        await _db.People.UpsertAsync(new Person(School, "O1", PersonKind.Staff, "Mr Office"), ct);
        await _db.People.UpsertAsync(new Person(School, "P1", PersonKind.Pupil, "Pupil One"), ct);
        await _db.People.LinkCredentialAsync(School, s_office, "O1", ct);
        await _db.People.LinkCredentialAsync(School, s_pupil, "P1", ct);
        await _db.Calendars.SaveAsync(School, TestCalendar.Definition, ct);
        var verifier = new MessageVerifier(new TestKeys((School, Locker, key)));
        DateTime utc = TestCalendar.Utc(deviceTime).UtcDateTime;
        var messages = new List<VerifiedMessage>();
        long seq = 0;
        foreach ((string type, string credential, string subject) in new[]
        {
            (EventType.Deposit, s_office, s_pupil), (EventType.Retrieve, s_office, s_pupil), (EventType.Retrieve, s_office, string.Empty),
            (EventType.DoorForced, string.Empty, string.Empty), (EventType.DoorLeftOpen, s_office, string.Empty), (EventType.Deposit, s_office, string.Empty),
        })
        {
            var e = new LockerEvent
            {
                Device = Locker, Boot = 1, Sequence = ++seq, TimestampUtc = utc, TimeSynchronized = true, UptimeMilliseconds = seq,
                Type = type, Compartment = 1, Credential = credential, Subject = subject,
            };
            messages.Add(verifier.Verify(new IncomingMessage(Topics.For(School, Locker, TopicKind.Events), EventCodec.Encode(e, key), _time.GetUtcNow())));
        }

        CommitResult result = await _db.Ledger.CommitAsync(messages, ct);
        Assert.Equal(messages.Count, result.Stored);

        // The phone in custody is placed at the arrival time, not at a date the locker's clock made up.
        CustodyItem held = Assert.Single(await _db.Ledger.GetCustodyAsync(School, ct));
        Assert.Equal(_time.GetUtcNow(), held.SinceUtc);

        var engine = new PolicyEngine(_db.Flags, _db.Calendars, _db.Exceptions, _db.People, new DashboardStore(_db.Database, _time), Microsoft.Extensions.Options.Options.Create(new PolicyOptions()), Microsoft.Extensions.Options.Options.Create(new FlagExpiryOptions()), _time);
        await engine.RunOnceAsync(ct);
        _time.Advance(TimeSpan.FromDays(2));
        await engine.RunOnceAsync(ct);
        Assert.NotEmpty(await _db.Flags.ListAsync(School, new FlagFilter(), ct));
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z", 3_600_000L, "2026-11-25T09:00:00Z", 7_200_000L, false)]
    [InlineData("2026-11-25T09:00:00Z", 3_600_000L, "0001-01-01T00:00:00Z", long.MaxValue, true)]
    [InlineData("2026-11-25T09:00:00Z", 3_600_000L, "2026-11-25T09:59:01Z", 7_200_000L, false)]
    [InlineData("2026-11-25T09:00:00Z", 3_600_000L, "2026-11-25T09:58:59Z", 7_200_000L, true)]
    public void WentBack_AnyDateAndUptime_ComparesBootInstantsWithoutOverflow(string earlier, long earlierUptime, string later, long laterUptime, bool expected)
    {
        Assert.Equal(expected, DeviceClock.WentBack(DateTimeOffset.Parse(earlier, System.Globalization.CultureInfo.InvariantCulture), earlierUptime, DateTimeOffset.Parse(later, System.Globalization.CultureInfo.InvariantCulture), laterUptime));
    }

    [Theory]
    [InlineData("2026-11-25T08:00:00Z", true, "2026-11-25T08:00:00Z")]
    [InlineData("2026-11-25T08:00:00Z", false, "2026-11-25T09:00:00Z")]
    [InlineData("2025-12-01T08:00:00Z", true, "2025-12-01T08:00:00Z")]
    [InlineData("2026-11-25T09:05:00Z", true, "2026-11-25T09:05:00Z")]
    [InlineData("2026-11-25T09:05:01Z", true, "2026-11-25T09:00:00Z")]
    [InlineData("2026-11-25T12:00:00Z", true, "2026-11-25T09:00:00Z")]
    [InlineData("3000-12-31T23:59:59Z", true, "2026-11-25T09:00:00Z")]
    [InlineData("1601-01-01T00:00:00Z", true, "2026-11-25T09:00:00Z")]
    public void DeviceClock_TrustsASynchronisedClockOnlyWithinReason(string device, bool synced, string expected)
    {
        Assert.Equal(TestCalendar.Utc(expected), DeviceClock.Placed(synced, TestCalendar.Utc(device), TestCalendar.Utc("2026-11-25T09:00:00Z")));
    }
}
