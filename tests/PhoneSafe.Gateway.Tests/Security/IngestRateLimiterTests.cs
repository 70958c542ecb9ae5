using Microsoft.Extensions.Time.Testing;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Security;

public sealed class IngestRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    private IngestRateLimiter CreateSut(int burst = 10, double perSecond = 2, bool enabled = true) => new(
        new TestKeys(("s", "lk-a", new byte[32]), ("s", "lk-b", new byte[32])),
        Microsoft.Extensions.Options.Options.Create(new IngestOptions { RateLimitBurst = burst, RateLimitPerSecond = perSecond, RateLimitEnabled = enabled }),
        _time);

    private static readonly byte[] s_junk = [0x7b];

    private static int Accepted(IngestRateLimiter sut, string topic, int attempts, Func<int, byte[]>? payload = null) =>
        Enumerable.Range(0, attempts).Count(i => sut.TryAcquire(topic, payload?.Invoke(i) ?? s_junk, out string _));

    private static byte[] Authentic(string locker, int seq) => EventCodec.Encode(MessageVerifierPropertyTests.Event(locker, seq), new byte[32]);

    [Fact]
    public void TryAcquire_AllowsTheBurst_ThenRefillsAtTheSustainedRate()
    {
        IngestRateLimiter sut = CreateSut(burst: 10, perSecond: 2);
        string topic = Topics.For("s", "lk-a", TopicKind.Events);

        Assert.Equal(10, Accepted(sut, topic, 50));
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(6, Accepted(sut, topic, 50));
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(10, Accepted(sut, topic, 50));
    }

    [Fact]
    public void TryAcquire_OneLockersFlood_LeavesAnotherLockersBucketFull()
    {
        IngestRateLimiter sut = CreateSut(burst: 10, perSecond: 0);

        Assert.Equal(10, Accepted(sut, Topics.For("s", "lk-a", TopicKind.Events), 10_000));
        Assert.True(sut.TryAcquire(Topics.For("s", "lk-b", TopicKind.Events), s_junk, out string device));
        Assert.Equal("s/lk-b", device);
        Assert.Equal(9, Accepted(sut, Topics.For("s", "lk-b", TopicKind.Status), 50));
    }

    [Fact]
    public void TryAcquire_InvalidTopicsAndUnregisteredLockers_ShareOneBucket()
    {
        IngestRateLimiter sut = CreateSut(burst: 10, perSecond: 0);

        int accepted = Enumerable.Range(0, 100).Count(i => sut.TryAcquire(i % 2 == 0 ? $"phonesafe/s/lk-x{i}/events" : $"junk/{i}", s_junk, out string _));
        Assert.False(sut.TryAcquire("phonesafe/s/lk-new/events", s_junk, out string device));

        Assert.Equal(10, accepted);
        Assert.Equal(IngestRateLimiter.Unregistered, device);
        Assert.True(sut.TryAcquire(Topics.For("s", "lk-a", TopicKind.Events), s_junk, out string _));
    }

    [Fact]
    public void TryAcquire_AForgedFloodOnALockersTopic_LeavesThatLockersAuthenticEventsTheirOwnBucket()
    {
        IngestRateLimiter sut = CreateSut(burst: 10, perSecond: 0);
        string topic = Topics.For("s", "lk-a", TopicKind.Events);

        int forged = Accepted(sut, topic, 1000, i => EventCodec.Encode(MessageVerifierPropertyTests.Event("lk-a", i + 1), Enumerable.Repeat((byte)1, 32).ToArray()));
        int authentic = Accepted(sut, topic, 50, i => Authentic("lk-a", i + 1));
        int wrongLocker = Accepted(sut, topic, 50, i => Authentic("lk-b", i + 1));

        Assert.Equal(10, forged);
        Assert.Equal(10, authentic);
        Assert.Equal(0, wrongLocker);
        Assert.False(sut.TryAcquire(topic, s_junk, out string forgedName));
        Assert.False(sut.TryAcquire(topic, Authentic("lk-a", 99), out string authenticName));
        Assert.Equal("s/lk-a" + IngestRateLimiter.UnverifiedSuffix, forgedName);
        Assert.Equal("s/lk-a", authenticName);
    }

    [Fact]
    public void TryAcquire_AGenuineLockerGoneMad_IsThrottledAfterBothBuckets()
    {
        IngestRateLimiter sut = CreateSut(burst: 10, perSecond: 0);

        Assert.Equal(20, Accepted(sut, Topics.For("s", "lk-a", TopicKind.Events), 10_000, i => Authentic("lk-a", i + 1)));
    }

    [Fact]
    public void TryAcquire_Disabled_AcceptsEverything()
    {
        IngestRateLimiter sut = CreateSut(burst: 1, perSecond: 0, enabled: false);

        Assert.Equal(1000, Accepted(sut, Topics.For("s", "lk-a", TopicKind.Events), 1000));
    }

    [Fact]
    public void Counters_RateLimited_AreCountedByReasonAndByLocker()
    {
        var counters = new IngestCounters();

        counters.CountRateLimited("s/lk-a");
        counters.CountRateLimited("s/lk-a");
        counters.CountRateLimited(IngestRateLimiter.Unregistered);

        Model.IngestStatistics stats = counters.Snapshot();
        Assert.Equal(3, stats.Rejected[RejectReason.RateLimited]);
        Assert.Equal(2, stats.RateLimited["s/lk-a"]);
        Assert.Equal(1, stats.RateLimited[IngestRateLimiter.Unregistered]);
        Assert.Equal(3, counters.RateLimitedTotal);
    }
}
