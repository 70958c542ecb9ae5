using PhoneSafe.Firmware.Core.Hardware;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Firmware.Core.Tests.Fakes;

/// <summary>
/// A link on the device's <see cref="BackgroundConnectLink"/> whose connect takes as long as the broker makes it: it
/// blocks on its worker thread until the test calls <see cref="Answer"/>, as M2Mqtt blocks in DNS, TLS and the CONNACK
/// wait. Published messages are kept like <see cref="MemoryLink"/> keeps them.
/// </summary>
public sealed class SlowConnectLink : BackgroundConnectLink
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _entered = new(0);
    private readonly SemaphoreSlim _answer = new(0);
    private bool _answerConnected;
    private bool _connected;

    /// <summary>Gets the published messages, each a <see cref="PublishedMessage"/>.</summary>
    public List<PublishedMessage> Published { get; } = [];

    /// <summary>Gets the topics subscribed to.</summary>
    public string[] Subscriptions { get; private set; }

    /// <summary>Gets how many connects reached the broker (the worker thread entered <see cref="ConnectBlocking"/>).</summary>
    public int Attempts { get; private set; }

    /// <inheritdoc/>
    public override bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _connected;
            }
        }
    }

    /// <summary>
    /// Waits (real time, bounded) until the worker thread is inside a connect, so the test knows the attempt is blocking.
    /// </summary>
    /// <returns>true when a connect is blocking now.</returns>
    public bool WaitUntilConnecting() => _entered.Wait(TimeSpan.FromSeconds(10));

    /// <summary>
    /// Lets the blocked connect finish.
    /// </summary>
    /// <param name="connected">true when the broker accepts the connection.</param>
    public void Answer(bool connected)
    {
        _answerConnected = connected;
        _answer.Release();
    }

    /// <summary>
    /// Waits (real time, bounded) until the worker thread has ended the attempt.
    /// </summary>
    /// <returns>true when no attempt is under way.</returns>
    public bool WaitUntilIdle() => SpinWait.SpinUntil(() => !IsConnecting, TimeSpan.FromSeconds(10));

    /// <inheritdoc/>
    public override void Disconnect() => Close();

    /// <inheritdoc/>
    public override bool Publish(string topic, byte[] payload, bool retain)
    {
        if (!IsConnected)
        {
            return false;
        }

        Published.Add(new PublishedMessage(topic, payload, retain));
        return true;
    }

    /// <inheritdoc/>
    public override void Subscribe(string[] topics) => Subscriptions = topics;

    /// <inheritdoc/>
    protected override bool ConnectBlocking(string clientId, string willTopic, byte[] willPayload)
    {
        Attempts++;
        _entered.Release();
        if (!_answer.Wait(TimeSpan.FromMinutes(1)))
        {
            return false;
        }

        lock (_gate)
        {
            _connected = _answerConnected;
            return _connected;
        }
    }

    /// <inheritdoc/>
    protected override void Close()
    {
        lock (_gate)
        {
            _connected = false;
        }
    }
}
