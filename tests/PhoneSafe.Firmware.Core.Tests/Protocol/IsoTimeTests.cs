using PhoneSafe.Firmware.Core.Protocol;
using Xunit;

namespace PhoneSafe.Firmware.Core.Tests.Protocol;

/// <summary>
/// The protocol's timestamps against nanoFramework's DateTime range (1601-01-01 to 3000-12-31): a year outside it is
/// refused, never passed to a DateTime constructor that would throw on the device.
/// </summary>
public sealed class IsoTimeTests
{
    private const string Device = "lk-101";
    private static readonly byte[] s_key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Theory]
    [InlineData("2026-11-25T08:01:02Z")]
    [InlineData("1601-01-01T00:00:00Z")]
    [InlineData("3000-12-31T23:59:59Z")]
    [InlineData("2000-02-29T12:00:00Z")]
    public void TryParse_YearInsideNanoFrameworkRange_ReturnsUtcTimeThatFormatsBack(string text)
    {
        Assert.True(IsoTime.TryParse(text, out DateTime utc));

        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(text, IsoTime.Format(utc));
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1600-12-31T23:59:59Z")]
    [InlineData("3001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("2026-02-29T08:00:00Z")]
    [InlineData("2026-11-25T24:00:00Z")]
    [InlineData("2026-11-25 08:01:02Z")]
    public void TryParse_OutsideRangeOrNotADate_ReturnsFalse(string text)
    {
        Assert.False(IsoTime.TryParse(text, out _));
    }

    [Fact]
    public void Utc_GivesUtcKindAndTheSameTicksAsTheHostConstructor()
    {
        DateTime sut = IsoTime.Utc(2026, 11, 25, 8, 1, 2);

        Assert.Equal(DateTimeKind.Utc, sut.Kind);
        Assert.Equal(new DateTime(2026, 11, 25, 8, 1, 2, DateTimeKind.Utc), sut);
    }

    [Theory]
    [InlineData("2026-11-25T09:00:00Z", null)]
    [InlineData("9999-12-31T23:59:59Z", RejectReason.BadField)]
    [InlineData("1000-01-01T00:00:00Z", RejectReason.BadField)]
    public void CommandCodec_SignedCommand_IsRefusedAsBadFieldOnlyWhenExpiryIsOutsideRange(string expires, string expectedReason)
    {
        string body = "{\"v\":1,\"m\":\"command\",\"dev\":\"" + Device + "\",\"id\":\"c-1\",\"cmd\":\"unlock\",\"cmp\":2,\"cred\":\"\",\"subj\":\"\",\"exp\":\"" + expires + "\"}";
        byte[] payload = SignedMessage.Sign(body, s_key);

        bool ok = CommandCodec.TryDecode(payload, Device, s_key, out LockerCommand command, out string reason);

        Assert.Equal(expectedReason == null, ok);
        Assert.Equal(expectedReason, reason);
        Assert.Equal(expectedReason == null, command != null);
    }
}
