using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Tests.Support;
using PhoneSafe.Simulator;

namespace PhoneSafe.Gateway.Tests.Faults;

/// <summary>What every fault test checks once the fault is over.</summary>
internal static class FaultTestSupport
{
    /// <summary>How long the lockers get to empty their journals after the last fault (real time; virtual time runs faster).</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(45);

    /// <summary>Runs the fleet until every journal is empty (the gateway acknowledged everything).</summary>
    public static void Drain(LockerFleet fleet) =>
        Assert.True(fleet.RunUntil(() => fleet.Outstanding == 0, DrainTimeout), $"{fleet.Outstanding} events still unacknowledged after {DrainTimeout.TotalSeconds} s");

    /// <summary>Exactly once, journals empty, and the ledger's hash chain verifies through /api/ledger/verify.</summary>
    public static async Task AssertRecoveredAsync(GatewayHost gateway, string school, LockerFleet fleet)
    {
        LedgerAssert.ExactlyOnce(gateway.DatabasePath, school, fleet);
        LedgerVerification verification = await gateway.VerifyLedgerAsync(school);
        Assert.True(verification.Ok, verification.FirstBreak?.Reason);
        Assert.Equal(fleet.Lockers.Sum(l => l.Controller.Journal.NewestSequence), verification.Events);
    }

    /// <summary>Waits for a condition (polling), at most <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return true;
    }
}
