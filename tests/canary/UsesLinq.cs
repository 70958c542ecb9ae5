using System.Linq;

namespace PhoneSafe.Firmware.Canary
{
    /// <summary>Canary: LINQ.</summary>
    public static class UsesLinq
    {
        /// <summary>Must be refused.</summary>
        /// <param name="values">Values.</param>
        /// <returns>A count.</returns>
        public static int CountPositive(int[] values)
        {
            return values.Count(v => v > 0);
        }
    }
}
