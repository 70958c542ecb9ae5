using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Infrastructure;

/// <summary>LockerDirectory shared by two gateway instances on a real database, once per provider.</summary>
public abstract class LockerDirectoryTests(TestStorage storage) : PeopleLedgerTestBase(storage)
{
    [Fact]
    public async Task VerifyAsync_LockerProvisionedByAnotherInstanceAfterStart_IsVerifiedNotUnknown()
    {
        var other = new LockerDirectory(new LedgerStore(Storage.Open(), Time, Db.KeyProtection), Time);
        await other.LoadAsync(TestContext.Current.CancellationToken);
        var sut = new MessageVerifier(other);
        (byte[] key, _) = await new LockerDirectory(Db.Ledger, Time).ProvisionAsync(School, "lk-new", TestContext.Current.CancellationToken);
        var lockerEvent = new LockerEvent
        {
            Device = "lk-new", Boot = 1, Sequence = 1, TimestampUtc = Day(5).UtcDateTime, TimeSynchronized = true, UptimeMilliseconds = 1,
            Type = EventType.DoorForced, Compartment = 1, Credential = string.Empty, Subject = string.Empty,
        };
        var message = new IncomingMessage(Topics.For(School, "lk-new", TopicKind.Events), EventCodec.Encode(lockerEvent, key), Day(5));

        Assert.Equal(RejectReason.UnknownDevice, sut.Verify(message).Reason);
        VerifiedMessage verdict = await sut.VerifyAsync(message, TestContext.Current.CancellationToken);

        Assert.Equal(MessageDisposition.Event, verdict.Disposition);
    }

    [Fact]
    public async Task RefreshAsync_UnknownLocker_LooksAgainOnlyAfterTheInterval()
    {
        var sut = new LockerDirectory(Db.Ledger, Time);
        Assert.False(await sut.RefreshAsync(School, "lk-x", TestContext.Current.CancellationToken));
        await Db.Ledger.EnsureLockerAsync(School, "lk-x", new byte[32], TestContext.Current.CancellationToken);

        Assert.False(await sut.RefreshAsync(School, "lk-x", TestContext.Current.CancellationToken));
        Time.Advance(LockerDirectory.RefreshInterval);
        Assert.True(await sut.RefreshAsync(School, "lk-x", TestContext.Current.CancellationToken));
    }
}
