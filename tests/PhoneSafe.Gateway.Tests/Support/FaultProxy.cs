using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace PhoneSafe.Gateway.Tests.Support;

/// <summary>
/// An in-process TCP proxy on a free loopback port in front of another loopback port (the broker), which a test can
/// break the way a school network breaks: <see cref="CutAll"/> resets every connection (a switch rebooted, Wi-Fi
/// lost), <see cref="Blackhole"/> stops every byte in both directions while connections stay open (a partition that
/// heals before TCP gives up; bytes already read are held and delivered on <see cref="Resume"/>, as TCP retransmission
/// would), <see cref="GoDown"/> cuts everything and refuses new connections until <see cref="Resume"/>, and
/// <see cref="Sever"/> loses every connection without telling the lockers (a NAT or access point that rebooted and
/// forgot them): the broker side is reset, the locker side stays open and everything sent on it vanishes.
/// </summary>
public sealed class FaultProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<int, (Socket Client, Socket Server)> _pairs = new();
    private readonly ConcurrentDictionary<int, Socket> _severed = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gateLock = new();
    private TaskCompletionSource _flowing = NewOpenGate();
    private volatile bool _down;
    private int _nextId;
    private int _accepted;
    private int _cut;

    public FaultProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptLoopAsync();
    }

    /// <summary>Gets the port the lockers connect to.</summary>
    public int Port { get; }

    /// <summary>Gets how many connections were accepted and forwarded.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Gets how many connections were reset by a fault.</summary>
    public int Cut => Volatile.Read(ref _cut);

    /// <summary>Gets how many connections are open now.</summary>
    public int Open => _pairs.Count;

    /// <summary>Resets every open connection (RST to both sides); new connections are accepted.</summary>
    public void CutAll()
    {
        foreach (int id in _pairs.Keys)
        {
            if (_pairs.TryRemove(id, out (Socket Client, Socket Server) pair))
            {
                Interlocked.Increment(ref _cut);
                Reset(pair.Client);
                Reset(pair.Server);
            }
        }
    }

    /// <summary>
    /// Loses every open connection silently: the broker sees it reset (and publishes the lockers' wills); the lockers
    /// see nothing — their side stays open, swallows what they send and never answers. New connections are accepted.
    /// </summary>
    public void Sever()
    {
        foreach (int id in _pairs.Keys)
        {
            if (_pairs.TryRemove(id, out (Socket Client, Socket Server) pair))
            {
                Interlocked.Increment(ref _cut);
                _severed[id] = pair.Client;
                Reset(pair.Server);
            }
        }
    }

    /// <summary>Holds every byte in both directions; connections stay open and new ones wait.</summary>
    public void Blackhole()
    {
        lock (_gateLock)
        {
            if (_flowing.Task.IsCompleted)
            {
                _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Resets every connection and refuses (resets) new ones until <see cref="Resume"/>.</summary>
    public void GoDown()
    {
        _down = true;
        CutAll();
    }

    /// <summary>Lets traffic flow again after <see cref="Blackhole"/> or <see cref="GoDown"/>.</summary>
    public void Resume()
    {
        _down = false;
        lock (_gateLock)
        {
            _flowing.TrySetResult();
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Stop();
        Resume();
        CutAll();
        foreach (Socket zombie in _severed.Values)
        {
            Reset(zombie);
        }

        _severed.Clear();
        _stopping.Dispose();
    }

    private static TaskCompletionSource NewOpenGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }
    }

    private Task WaitForFlowAsync()
    {
        lock (_gateLock)
        {
            return _flowing.Task;
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = HandleAsync(client);
        }
    }

    private async Task HandleAsync(Socket client)
    {
        if (_down)
        {
            Reset(client);
            return;
        }

        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await WaitForFlowAsync().WaitAsync(_stopping.Token);
            await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stopping.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            Reset(client);
            Reset(server);
            return;
        }

        int id = Interlocked.Increment(ref _nextId);
        _pairs[id] = (client, server);
        Interlocked.Increment(ref _accepted);
        if (_down)
        {
            // Went down while connecting.
            CutAll();
            return;
        }

        Task up = PumpAsync(client, server, () => _severed.ContainsKey(id));
        Task down = PumpAsync(server, client, () => _severed.ContainsKey(id));
        await Task.WhenAny(up, down);
        if (_pairs.TryRemove(id, out _))
        {
            // One side closed normally: pass the close on.
            Close(client);
            Close(server);
        }

        await Task.WhenAll(up, down);
    }

    private static void Close(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        socket.Close();
    }

    private async Task PumpAsync(Socket from, Socket to, Func<bool> isSevered)
    {
        byte[] buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                int read = await from.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
                if (read == 0)
                {
                    return;
                }

                if (isSevered())
                {
                    continue; // Swallowed: the locker side of a severed connection (the broker side is reset).
                }

                await WaitForFlowAsync().WaitAsync(_stopping.Token);
                int sent = 0;
                while (sent < read)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, _stopping.Token);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Cut, closed or stopping.
        }
    }
}
