using System.Threading.Tasks;

namespace PhoneSafe.Firmware.Canary
{
    /// <summary>Canary: async/await.</summary>
    public static class UsesAsync
    {
        /// <summary>Must be refused.</summary>
        /// <returns>A task.</returns>
        public static async Task WaitAsync()
        {
            await Task.Delay(1);
        }
    }
}
