using System.Diagnostics;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Firmware.Bench;

/// <summary>
/// Time and allocations of the main-loop pass in which a card is read and the decision is taken: credential hash
/// (HMAC-SHA256 of the UID), allow-list lookup, compartment choice, solenoid on (granted) or event journaled (denied).
/// An idle pass is measured the same way, so the decision's own cost is the difference.
/// </summary>
internal static class TapBenchmark
{
    public static void Run(int allowListSize, int iterations)
    {
        var link = new MemoryLink { BrokerAvailable = false };
        VirtualLocker locker = BenchLocker.Create(allowListSize, link);
        Console.WriteLine($"Tap-to-unlock decision: {allowListSize} allow-list entries, 16 compartments, {iterations} passes each, after a warm-up round (tiered JIT)");
        for (int round = 0; round < 2; round++)
        {
            bool print = round == 1;
            Measure("idle pass (no card)      ", locker, null, iterations, expectUnlock: false, print);
            Measure("granted (staff card)     ", locker, BenchLocker.StaffCard, iterations, expectUnlock: true, print);
            Measure("denied (unknown card)    ", locker, BenchLocker.UnknownCard, iterations, expectUnlock: false, print);
        }


        Console.WriteLine("  (granted/denied: one Tick() with the card in the field; a denied tap also writes one 64-byte journal record)");
    }

    private static void Measure(string label, VirtualLocker locker, byte[] card, int iterations, bool expectUnlock, bool print)
    {
        var ticks = new long[iterations];
        long bytes = 0;
        for (int i = 0; i < iterations; i++)
        {
            int unlocksBefore = locker.Compartments.UnlockCount;
            if (card != null)
            {
                locker.Reader.Present(card);
            }

            locker.Clock.Advance(VirtualLocker.TickMilliseconds);
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            long started = Stopwatch.GetTimestamp();
            locker.Controller.Tick();
            long elapsed = Stopwatch.GetTimestamp() - started;
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            locker.Reader.Remove();
            if ((locker.Compartments.UnlockCount > unlocksBefore) != expectUnlock)
            {
                throw new InvalidOperationException(label + ": unexpected decision at iteration " + i);
            }

            ticks[i] = elapsed;
            bytes += allocated;

            // Let the compartment relock (never opened) and the repeat-tap guard expire, outside the measurement.
            locker.Run(card == null ? VirtualLocker.TickMilliseconds : 10_100);
        }

        if (!print)
        {
            return;
        }

        Array.Sort(ticks);
        double toMicroseconds = 1_000_000.0 / Stopwatch.Frequency;
        Console.WriteLine(
            $"  {label} median {ticks[iterations / 2] * toMicroseconds,7:F1} us, p99 {ticks[iterations * 99 / 100] * toMicroseconds,7:F1} us, "
            + $"mean {ticks.Average() * toMicroseconds,7:F1} us, allocated {bytes / (double)iterations,8:F0} B per pass");
    }
}
