using System;

namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// UTC timestamps in the one form the protocol uses: yyyy-MM-ddTHH:mm:ssZ.
    /// </summary>
    public static class IsoTime
    {
        /// <summary>The first year nanoFramework's <see cref="DateTime"/> holds (its MinValue is 1601-01-01).</summary>
        public const int MinYear = 1601;

        /// <summary>The last year nanoFramework's <see cref="DateTime"/> holds (its MaxValue is 3000-12-31 23:59:59).</summary>
        public const int MaxYear = 3000;

        /// <summary>
        /// Makes a UTC time that is the same on the device and on the host. nanoFramework has no
        /// <c>DateTime(..., DateTimeKind)</c> constructor (its 7th int is milliseconds and every DateTime is UTC);
        /// the host needs the kind set, so the ticks are wrapped with <see cref="DateTimeKind.Utc"/>.
        /// </summary>
        /// <param name="year">Year, <see cref="MinYear"/> to <see cref="MaxYear"/>.</param>
        /// <param name="month">Month, 1-12.</param>
        /// <param name="day">Day of the month, 1-31.</param>
        /// <param name="hour">Hour, 0-23.</param>
        /// <param name="minute">Minute, 0-59.</param>
        /// <param name="second">Second, 0-59.</param>
        /// <returns>The time, of kind UTC.</returns>
        public static DateTime Utc(int year, int month, int day, int hour, int minute, int second)
        {
            return new DateTime(new DateTime(year, month, day, hour, minute, second).Ticks, DateTimeKind.Utc);
        }

        /// <summary>
        /// Formats a UTC time to whole seconds.
        /// </summary>
        /// <param name="utc">The time (UTC).</param>
        /// <returns>For example 2026-11-25T08:01:02Z.</returns>
        public static string Format(DateTime utc)
        {
            return Pad(utc.Year, 4) + "-" + Pad(utc.Month, 2) + "-" + Pad(utc.Day, 2) + "T"
                + Pad(utc.Hour, 2) + ":" + Pad(utc.Minute, 2) + ":" + Pad(utc.Second, 2) + "Z";
        }

        /// <summary>
        /// Parses the protocol's timestamp form.
        /// </summary>
        /// <param name="text">For example 2026-11-25T08:01:02Z.</param>
        /// <param name="utc">The parsed UTC time.</param>
        /// <returns>true when the text is exactly of that form and a real date from <see cref="MinYear"/> to <see cref="MaxYear"/>
        /// (outside them nanoFramework's DateTime would throw).</returns>
        public static bool TryParse(string text, out DateTime utc)
        {
            utc = DateTime.MinValue;
            if (text == null || text.Length != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T'
                || text[13] != ':' || text[16] != ':' || text[19] != 'Z')
            {
                return false;
            }

            int year = Digits(text, 0, 4);
            int month = Digits(text, 5, 2);
            int day = Digits(text, 8, 2);
            int hour = Digits(text, 11, 2);
            int minute = Digits(text, 14, 2);
            int second = Digits(text, 17, 2);
            if (year < MinYear || year > MaxYear || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
            {
                return false;
            }

            utc = Utc(year, month, day, hour, minute, second);
            return true;
        }

        private static int Digits(string text, int start, int count)
        {
            int value = 0;
            for (int i = start; i < start + count; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return -1;
                }

                value = (value * 10) + (c - '0');
            }

            return value;
        }

        private static string Pad(int value, int width)
        {
            string text = value.ToString();
            while (text.Length < width)
            {
                text = "0" + text;
            }

            return text;
        }
    }
}
