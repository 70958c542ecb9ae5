using System;

namespace PhoneSafe.Firmware.Canary
{
    /// <summary>Canary: the DateTimeKind constructor nanoFramework lacks (there the 7th argument is milliseconds).</summary>
    public static class UsesDateTimeKind
    {
        /// <summary>Must be refused.</summary>
        /// <returns>A UTC time.</returns>
        public static DateTime Epoch()
        {
            return new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        }
    }
}
