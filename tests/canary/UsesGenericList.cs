using System.Collections.Generic;

namespace PhoneSafe.Firmware.Canary
{
    /// <summary>Canary: a generic collection.</summary>
    public static class UsesGenericList
    {
        /// <summary>Must be refused.</summary>
        /// <returns>A count.</returns>
        public static int Count()
        {
            List<int> items = new List<int>();
            items.Add(1);
            return items.Count;
        }
    }
}
