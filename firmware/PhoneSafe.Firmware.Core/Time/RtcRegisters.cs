using System;
using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Firmware.Core.Time
{
    /// <summary>
    /// The seven DS3231 timekeeping registers (00h seconds to 06h year, data sheet "Timekeeping Registers"), binary-coded
    /// decimal, 24-hour mode, the century bit (bit 7 of the month register) counting from 2000: 2000-01-01 to 2199-12-31.
    /// </summary>
    public static class RtcRegisters
    {
        /// <summary>Number of timekeeping registers.</summary>
        public const int Length = 7;

        private const int FirstYear = 2000;
        private const int LastYear = 2199;
        private const byte CenturyBit = 0x80;
        private const byte TwelveHourBit = 0x40;

        /// <summary>
        /// Writes a time into the registers (the day-of-week register gets 1 = Monday to 7 = Sunday).
        /// </summary>
        /// <param name="utc">The time, in UTC, 2000-01-01 to 2199-12-31; fractions of a second are dropped.</param>
        /// <param name="registers">Destination buffer.</param>
        /// <param name="offset">Where register 00h goes in <paramref name="registers"/>.</param>
        /// <returns>false when the year is out of range (nothing written).</returns>
        public static bool TryEncode(DateTime utc, byte[] registers, int offset)
        {
            if (utc.Year < FirstYear || utc.Year > LastYear)
            {
                return false;
            }

            int yearInCentury = (utc.Year - FirstYear) % 100;
            registers[offset] = ToBcd(utc.Second);
            registers[offset + 1] = ToBcd(utc.Minute);
            registers[offset + 2] = ToBcd(utc.Hour);
            registers[offset + 3] = (byte)(utc.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)utc.DayOfWeek);
            registers[offset + 4] = ToBcd(utc.Day);
            registers[offset + 5] = (byte)(ToBcd(utc.Month) | (utc.Year - FirstYear >= 100 ? CenturyBit : 0));
            registers[offset + 6] = ToBcd(yearInCentury);
            return true;
        }

        /// <summary>
        /// Reads a time from the registers.
        /// </summary>
        /// <param name="registers">Source buffer.</param>
        /// <param name="offset">Where register 00h is in <paramref name="registers"/>.</param>
        /// <param name="utc">The time, in UTC, when the registers hold a valid 24-hour date and time.</param>
        /// <returns>false for a 12-hour setting, a digit over 9 or an impossible date or time.</returns>
        public static bool TryDecode(byte[] registers, int offset, out DateTime utc)
        {
            utc = DateTime.MinValue;
            byte month = registers[offset + 5];
            if ((registers[offset + 2] & TwelveHourBit) != 0
                || !TryFromBcd(registers[offset], 59, out int second)
                || !TryFromBcd(registers[offset + 1], 59, out int minute)
                || !TryFromBcd(registers[offset + 2], 23, out int hour)
                || !TryFromBcd(registers[offset + 4], 31, out int day)
                || !TryFromBcd((byte)(month & ~CenturyBit), 12, out int monthNumber)
                || !TryFromBcd(registers[offset + 6], 99, out int year)
                || day == 0
                || monthNumber == 0)
            {
                return false;
            }

            year += FirstYear + ((month & CenturyBit) != 0 ? 100 : 0);
            if (day > DateTime.DaysInMonth(year, monthNumber))
            {
                return false;
            }

            utc = IsoTime.Utc(year, monthNumber, day, hour, minute, second);
            return true;
        }

        private static byte ToBcd(int value)
        {
            return (byte)(((value / 10) << 4) | (value % 10));
        }

        private static bool TryFromBcd(byte bcd, int max, out int value)
        {
            int tens = bcd >> 4;
            int units = bcd & 0x0F;
            value = (tens * 10) + units;
            return tens <= 9 && units <= 9 && value <= max;
        }
    }
}
