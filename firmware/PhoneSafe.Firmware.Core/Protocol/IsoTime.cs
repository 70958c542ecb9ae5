using System;

namespace PhoneSafe.Firmware.Core.Protocol
{
    /// <summary>
    /// UTC timestamps in the one form the protocol uses: yyyy-MM-ddTHH:mm:ssZ.
    /// </summary>
    public static class IsoTime
    {
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
        /// <returns>true when the text is exactly of that form and a real date.</returns>
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
            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
            {
                return false;
            }

            utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
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
