using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PhoneSafe.Gateway.Services;

namespace PhoneSafe.Gateway.Tests.Services;

public sealed class PeriodicLoopTests
{
    [Fact]
    public async Task RunAsync_PassThrowsUnexpectedly_NextPassStillRuns()
    {
        var time = new FakeTimeProvider();
        using var stop = new CancellationTokenSource();
        var passes = 0;
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task loop = PeriodicLoop.RunAsync("Test pass", TimeSpan.FromSeconds(10), time, NullLogger.Instance, _ =>
        {
            if (++passes == 1)
            {
                throw new InvalidOperationException("a bug in the first pass");
            }

            second.TrySetResult();
            return Task.CompletedTask;
        }, stop.Token);

        // The first pass has thrown; the loop waits its interval on the injected clock and runs again.
        while (passes < 2)
        {
            time.Advance(TimeSpan.FromSeconds(10));
            await Task.WhenAny(second.Task, Task.Delay(10, TestContext.Current.CancellationToken));
        }

        await second.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.False(loop.IsCompleted);
        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }
}
