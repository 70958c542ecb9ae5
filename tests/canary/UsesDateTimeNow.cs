using System;

namespace PhoneSafe.Firmware.Canary
{
    /// <summary>Canary: the wall clock read directly instead of through IClock.</summary>
    public static class UsesDateTimeNow
    {
        /// <summary>Must be refused.</summary>
        /// <returns>The hour.</returns>
        public static int Hour()
        {
            return DateTime.Now.Hour;
        }
    }
}
