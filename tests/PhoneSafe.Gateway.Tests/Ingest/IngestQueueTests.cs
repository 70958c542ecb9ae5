using Microsoft.Extensions.Options;
using PhoneSafe.Gateway.Ingest;
using PhoneSafe.Gateway.Options;
using PhoneSafe.Gateway.Tests.Support;

namespace PhoneSafe.Gateway.Tests.Ingest;

/// <summary>The ingest queue holds back the broker once its payload bytes reach the cap, not only its message count.</summary>
public sealed class IngestQueueTests
{
    private static readonly DateTimeOffset Arrival = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EnqueueAsync_BytesOverTheCap_WaitsUntilTheWriterTakesAMessage()
    {
        var sut = CreateSut(capacityBytes: 1_000);
        await sut.EnqueueAsync(Message(600), TestContext.Current.CancellationToken);

        Task second = sut.EnqueueAsync(Message(600), TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(200, TestContext.Current.CancellationToken);
        bool waitedWhileFull = !second.IsCompleted;
        Assert.True(sut.TryRead(out _));
        await second.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(waitedWhileFull, "a message past the byte cap was queued without waiting");
        Assert.Equal(1, sut.Count);
        Assert.Equal(600, sut.Bytes);
    }

    [Fact]
    public async Task EnqueueAsync_MessageLargerThanTheCap_GoesInAloneOnceTheQueueIsEmpty()
    {
        var sut = CreateSut(capacityBytes: 1_000);
        await sut.EnqueueAsync(Message(10), TestContext.Current.CancellationToken);

        Task large = sut.EnqueueAsync(Message(5_000), TestContext.Current.CancellationToken).AsTask();
        Assert.True(sut.TryRead(out _));
        await large.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(5_000, sut.Bytes);
        Assert.True(sut.TryRead(out IncomingMessage? taken));
        Assert.Equal(5_000, taken.Payload.Length);
        Assert.Equal(0, sut.Bytes);
    }

    [Fact]
    public async Task EnqueueAsync_CancelledWhileWaiting_GivesItsBytesBack()
    {
        var sut = CreateSut(capacityBytes: 1_000);
        await sut.EnqueueAsync(Message(900), TestContext.Current.CancellationToken);
        using var cancel = new CancellationTokenSource();

        Task waiting = sut.EnqueueAsync(Message(900), cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(900, sut.Bytes);
    }

    [Fact]
    public async Task Start_ByteCapBelowTheMinimum_RefusesToStart()
    {
        await using var gateway = new GatewayHost(settings: new Dictionary<string, string> { ["IngestOptions:QueueCapacityBytes"] = "1000" });

        var error = Assert.ThrowsAny<Exception>(() => gateway.Services);

        Assert.Contains("QueueCapacityBytes", error.ToString(), StringComparison.Ordinal);
    }

    private static IngestQueue CreateSut(long capacityBytes) =>
        new(Microsoft.Extensions.Options.Options.Create(new IngestOptions { QueueCapacityBytes = capacityBytes }));

    private static IncomingMessage Message(int bytes) => new("phonesafe/s/l/event", new byte[bytes], Arrival);
}
