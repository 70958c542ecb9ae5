using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Core.Time;
using Xunit;

namespace PhoneSafe.Firmware.Core.Tests.Time;

/// <summary>DS3231 registers 00h-06h: seconds, minutes, hours, day of week, date, month/century, year, in BCD.</summary>
public sealed class RtcRegistersTests
{
    [Theory]
    [InlineData("2026-11-25T08:30:45Z", "45 30 08 03 25 11 26")]
    [InlineData("2000-01-01T00:00:00Z", "00 00 00 06 01 01 00")]
    [InlineData("2100-02-28T23:59:59Z", "59 59 23 07 28 82 00")]
    [InlineData("2199-12-31T23:59:59Z", "59 59 23 02 31 92 99")]
    public void Encode_ThenDecode_GoldenRegisters(string iso, string registers)
    {
        Assert.True(IsoTime.TryParse(iso, out DateTime utc));
        byte[] buffer = new byte[1 + RtcRegisters.Length];

        Assert.True(RtcRegisters.TryEncode(utc, buffer, 1));
        Assert.Equal(registers, string.Join(' ', buffer.Skip(1).Select(b => b.ToString("X2"))));
        Assert.True(RtcRegisters.TryDecode(buffer, 1, out DateTime decoded));
        Assert.Equal(utc, decoded);
    }

    [Theory]
    [InlineData("1999-12-31T23:59:59Z")]
    [InlineData("2200-01-01T00:00:00Z")]
    public void Encode_YearOutsideTheClocksRange_Refused(string iso)
    {
        Assert.True(IsoTime.TryParse(iso, out DateTime utc));
        Assert.False(RtcRegisters.TryEncode(utc, new byte[RtcRegisters.Length], 0));
    }

    [Theory]
    [InlineData("60 00 00 01 01 01 26")] // 60 seconds
    [InlineData("0A 00 00 01 01 01 26")] // digit over 9
    [InlineData("00 00 24 01 01 01 26")] // hour 24
    [InlineData("00 00 48 01 01 01 26")] // 12-hour mode bit
    [InlineData("00 00 00 01 30 02 26")] // 30 February
    [InlineData("00 00 00 01 00 01 26")] // day 0
    [InlineData("00 00 00 01 01 13 26")] // month 13
    [InlineData("FF FF FF FF FF FF FF")] // bus reads all ones
    public void Decode_InvalidRegisters_Refused(string registers)
    {
        byte[] buffer = registers.Split(' ').Select(h => Convert.ToByte(h, 16)).ToArray();
        Assert.False(RtcRegisters.TryDecode(buffer, 0, out _));
    }
}
