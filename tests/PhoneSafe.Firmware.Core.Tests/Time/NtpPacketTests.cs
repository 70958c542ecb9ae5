using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Core.Time;
using Xunit;

namespace PhoneSafe.Firmware.Core.Tests.Time;

public sealed class NtpPacketTests
{
    [Fact]
    public void CreateRequest_Is48BytesVersion4ClientMode()
    {
        byte[] request = NtpPacket.CreateRequest();

        Assert.Equal(48, request.Length);
        Assert.Equal(0x23, request[0]);
        Assert.All(request.Skip(1), b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData("EEB11B35", "80000000", "2026-11-25T08:30:45.5000000Z")]
    [InlineData("0754FD00", "00000000", "2040-01-01T00:00:00.0000000Z")] // era 1: top bit clear means after 2036-02-07
    public void TryReadTransmitTime_ServerReply_GoldenTime(string seconds, string fraction, string expected)
    {
        byte[] reply = Reply(0x24, 2, seconds + fraction);

        Assert.True(NtpPacket.TryReadTransmitTime(reply, reply.Length, out DateTime utc));
        Assert.Equal(expected, utc.ToString("O"));
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
    }

    [Theory]
    [InlineData(0x23, 2, "EEB11B3500000000", 48)] // mode 3: a client request echoed
    [InlineData(0xE4, 2, "EEB11B3500000000", 48)] // leap indicator 3: server not synchronised
    [InlineData(0x24, 0, "EEB11B3500000000", 48)] // stratum 0: kiss-o'-death
    [InlineData(0x24, 16, "EEB11B3500000000", 48)] // stratum 16: unsynchronised
    [InlineData(0x24, 2, "0000000000000000", 48)] // no transmit time
    [InlineData(0x24, 2, "EEB11B3500000000", 47)] // short reply
    public void TryReadTransmitTime_UnusableReply_Refused(int first, int stratum, string transmit, int length)
    {
        byte[] reply = Reply((byte)first, (byte)stratum, transmit);
        Assert.False(NtpPacket.TryReadTransmitTime(reply, length, out _));
    }

    private static byte[] Reply(byte first, byte stratum, string transmitHex)
    {
        byte[] reply = new byte[48];
        reply[0] = first;
        reply[1] = stratum;
        Convert.FromHexString(transmitHex).CopyTo(reply, 40);
        return reply;
    }
}
