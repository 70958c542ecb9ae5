using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;

namespace PhoneSafe.Simulator;

/// <summary>
/// A set of virtual lockers, each running the real firmware core with its own MQTT connection,
/// stepped together on one thread in real or accelerated time.
/// </summary>
public sealed class LockerFleet : IDisposable
{
    private readonly List<VirtualLocker> _lockers = [];
    private readonly List<MqttNetLink> _links = [];
    private readonly Lock _gate = new();
    private Thread? _thread;
    private volatile bool _stopping;

    /// <summary>
    /// Initializes a new instance of the <see cref="LockerFleet"/> class.
    /// </summary>
    /// <param name="brokerHost">MQTT broker host.</param>
    /// <param name="brokerPort">MQTT broker port.</param>
    /// <param name="lockers">Identity and keys of each locker.</param>
    /// <param name="compartmentsPerLocker">Compartments per unit (4 to 16).</param>
    public LockerFleet(string brokerHost, int brokerPort, IEnumerable<LockerSettings> lockers, int compartmentsPerLocker)
    {
        foreach (LockerSettings settings in lockers)
        {
            var link = MqttNetLink.ForLocker(new BrokerEndpoint(brokerHost, brokerPort), settings);
            _links.Add(link);
            _lockers.Add(new VirtualLocker(settings, compartmentsPerLocker, link, VirtualLocker.DefaultJournalBytes));
        }
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="LockerFleet"/> class with units of different sizes.
    /// </summary>
    /// <param name="brokerHost">MQTT broker host.</param>
    /// <param name="brokerPort">MQTT broker port.</param>
    /// <param name="lockers">Identity, keys and compartment count (1 to 16) of each locker.</param>
    /// <param name="journalBytes">Journal flash region of each locker, in bytes (64 per event).</param>
    public LockerFleet(string brokerHost, int brokerPort, IEnumerable<(LockerSettings Settings, int Compartments)> lockers, int journalBytes)
        : this(new BrokerEndpoint(brokerHost, brokerPort), lockers, journalBytes)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="LockerFleet"/> class against a broker that may require TLS (each
    /// locker logs in as <see cref="BrokerAccount.UserName"/> with the password derived from its device key).
    /// </summary>
    /// <param name="broker">The broker.</param>
    /// <param name="lockers">Identity, keys and compartment count (1 to 16) of each locker.</param>
    /// <param name="journalBytes">Journal flash region of each locker, in bytes (64 per event).</param>
    public LockerFleet(BrokerEndpoint broker, IEnumerable<(LockerSettings Settings, int Compartments)> lockers, int journalBytes)
    {
        foreach ((LockerSettings settings, int compartments) in lockers)
        {
            var link = MqttNetLink.ForLocker(broker, settings);
            _links.Add(link);
            _lockers.Add(new VirtualLocker(settings, compartments, link, journalBytes));
        }
    }

    /// <summary>Gets the lockers' MQTT links, in the order of <see cref="Lockers"/>.</summary>
    public IReadOnlyList<MqttNetLink> Links => _links;

    /// <summary>
    /// Sets how long every link waits for the broker before it gives up on a connection (see <see cref="MqttNetLink.Timeout"/>).
    /// </summary>
    /// <param name="timeout">The time.</param>
    public void SetLinkTimeout(TimeSpan timeout) => _links.ForEach(l => l.Timeout = timeout);

    /// <summary>Gets the lockers.</summary>
    public IReadOnlyList<VirtualLocker> Lockers => _lockers;

    /// <summary>Gets the total of unacknowledged events in all journals.</summary>
    public int Outstanding
    {
        get
        {
            lock (_gate)
            {
                return _lockers.Sum(l => l.Controller.Journal.PendingCount);
            }
        }
    }

    /// <summary>
    /// Boots every locker (it connects on its first main-loop pass).
    /// </summary>
    public void Boot()
    {
        lock (_gate)
        {
            _lockers.ForEach(l => l.Boot());
        }
    }

    /// <summary>
    /// Boots every locker with its clock already synchronised to the given time.
    /// </summary>
    /// <param name="utc">The true UTC time at boot.</param>
    public void Boot(DateTime utc)
    {
        lock (_gate)
        {
            _lockers.ForEach(l => l.Boot(utc));
        }
    }

    /// <summary>
    /// Runs main-loop passes on every locker for a span of virtual time.
    /// </summary>
    /// <param name="milliseconds">Virtual time to run, in ms.</param>
    public void Run(long milliseconds)
    {
        lock (_gate)
        {
            foreach (VirtualLocker locker in _lockers)
            {
                locker.Run(milliseconds);
            }
        }
    }

    /// <summary>
    /// Does something at one locker (a tap, a door) without racing the background loop.
    /// </summary>
    /// <param name="action">What to do.</param>
    public void Act(Action action)
    {
        lock (_gate)
        {
            action();
        }
    }

    /// <summary>
    /// Starts a background thread that runs every locker's main loop in real time.
    /// </summary>
    public void StartRealTime()
    {
        _thread = new Thread(() =>
        {
            while (!_stopping)
            {
                Run(VirtualLocker.TickMilliseconds);
                Thread.Sleep(VirtualLocker.TickMilliseconds);
            }
        })
        {
            IsBackground = true,
            Name = "locker-fleet",
        };
        _thread.Start();
    }

    /// <summary>
    /// Runs in real time until a condition holds or a timeout passes.
    /// </summary>
    /// <param name="condition">What to wait for.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <returns>true when the condition held in time.</returns>
    public bool RunUntil(Func<bool> condition, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            Run(VirtualLocker.TickMilliseconds);
            if (condition())
            {
                return true;
            }

            Thread.Sleep(10);
        }

        return false;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stopping = true;
        _thread?.Join();
        foreach (MqttNetLink link in _links)
        {
            link.Disconnect();
            link.Dispose();
        }
    }
}
