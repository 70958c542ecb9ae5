using PhoneSafe.Firmware.Virtual;
using PhoneSafe.Simulator;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// Drives a fleet on a background thread while a test breaks things: each round, every locker is used once with the
/// staff card (a deposit, then a retrieval, then a deposit…), then the fleet runs a few passes of accelerated virtual
/// time. Lockers keep recording whatever the network, broker or gateway is doing; that is the point.
/// </summary>
public sealed class FleetBurst : IDisposable
{
    private readonly LockerFleet _fleet;
    private readonly Thread _thread;
    private readonly int _rounds;
    private readonly int _pauseMilliseconds;
    private volatile bool _stopping;
    private int _round;
    private Exception? _failure;

    private FleetBurst(LockerFleet fleet, int rounds, int pauseMilliseconds)
    {
        _fleet = fleet;
        _rounds = rounds;
        _pauseMilliseconds = pauseMilliseconds;
        _thread = new Thread(Drive) { IsBackground = true, Name = "fleet-burst" };
    }

    /// <summary>Gets how many rounds are done.</summary>
    public int Round => Volatile.Read(ref _round);

    /// <summary>Starts the burst.</summary>
    public static FleetBurst Start(LockerFleet fleet, int rounds, int pauseMilliseconds = 20)
    {
        var burst = new FleetBurst(fleet, rounds, pauseMilliseconds);
        burst._thread.Start();
        return burst;
    }

    /// <summary>Waits (at most <paramref name="timeout"/>) for every round to be done, and rethrows a failure.</summary>
    public void Wait(TimeSpan timeout)
    {
        Assert.True(_thread.Join(timeout), $"the burst did not finish within {timeout.TotalSeconds} s (round {Round} of {_rounds})");
        if (_failure is not null)
        {
            throw new InvalidOperationException("the burst failed", _failure);
        }
    }

    /// <summary>Waits until a round is reached (or the burst ended), at most 30 s.</summary>
    public async Task WaitForRoundAsync(int round)
    {
        for (int i = 0; i < 300 && Round < round && _thread.IsAlive; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        if (_failure is not null)
        {
            throw new InvalidOperationException($"the burst failed in round {Round}", _failure);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join(TimeSpan.FromSeconds(30));
    }

    private void Drive()
    {
        try
        {
            for (int round = 0; round < _rounds && !_stopping; round++)
            {
                foreach (VirtualLocker locker in _fleet.Lockers)
                {
                    _fleet.Act(() => Assert.NotEqual(0, locker.UseLocker(LockerRig.StaffCard)));
                }

                for (int pass = 0; pass < 4; pass++)
                {
                    _fleet.Run(VirtualLocker.TickMilliseconds);
                }

                Interlocked.Increment(ref _round);
                Thread.Sleep(_pauseMilliseconds);
            }
        }
        catch (Exception ex)
        {
            _failure = ex;
        }
    }
}
