using System;

namespace PhoneSafe.Firmware.Canary
{
    /// <summary>Canary: Console.</summary>
    public static class UsesConsole
    {
        /// <summary>Must be refused.</summary>
        public static void Say()
        {
            Console.WriteLine("hello");
        }
    }
}
