using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PhoneSafe.Firmware.Core.Locker;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Firmware.Virtual;
using PhoneSafe.Simulator.Provisioning;

namespace PhoneSafe.Simulator.Scenarios;

/// <summary>
/// Runs a <see cref="Scenario"/> with a school's lockers (the real firmware core on virtual hardware, one MQTT
/// connection each) on a virtual clock. Every locker keeps its own clock: an action (tap, door held open) moves only
/// the locker it happens at, and main-loop passes bring every locker up to the scenario's time, paced to
/// <see cref="Scenario.Speed"/>. Not thread-safe: one thread runs it.
/// </summary>
public sealed class ScenarioRunner : IDisposable
{
    private const int ActionPassMilliseconds = 250;
    private const int MinimumPassMilliseconds = 250;

    // At speed 0, how long (virtual) a locker's events may wait for their acknowledgement before virtual time waits
    // for the network (a third of the resend time), and the longest real wait before it moves on regardless.
    private const long NetworkLeadMilliseconds = Uplink.ResendAfterMilliseconds / 3;
    private static readonly TimeSpan s_maxNetworkWait = TimeSpan.FromSeconds(2);

    private readonly Scenario _scenario;
    private readonly SimulationFile _school;
    private readonly ScenarioRunOptions _options;
    private readonly LockerFleet _fleet;
    private readonly Dictionary<string, VirtualLocker> _lockers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MqttNetLink> _links = new(StringComparer.Ordinal);
    private readonly List<SimulatedLocker> _classrooms;
    private readonly SimulatedLocker? _office;
    private readonly Dictionary<string, SimulatedPerson> _people = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SimulatedPerson> _staff;
    private readonly List<SimulatedPerson> _pupils;
    private readonly Dictionary<string, string> _phoneIn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _problems = new(StringComparer.Ordinal);
    private readonly PriorityQueue<Action, (DateTime, long)> _queue = new();
    private readonly Dictionary<VirtualLocker, (byte[] Card, long Uptime)> _lastTaps = [];
    private readonly Dictionary<string, long> _baseline = new(StringComparer.Ordinal);
    private readonly Stopwatch _real = new();
    private readonly Dictionary<VirtualLocker, long> _pendingSince = [];
    private readonly TimeZoneInfo _zone;
    private readonly Random _random;
    private DateTime _virtualUtc;
    private DateTime _paceOriginUtc;
    private TimeSpan _paceOriginReal;
    private TimeSpan _lastProgress;
    private long _order;
    private int _actionsDone;
    private int _actionsPlanned;
    private bool _started;
    private string _phase = "configuring";

    /// <summary>
    /// Initializes a new instance of the <see cref="ScenarioRunner"/> class (nothing connects until <see cref="Start"/>).
    /// </summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="school">Lockers, keys and people (a provisioning file).</param>
    /// <param name="brokerHost">MQTT broker host.</param>
    /// <param name="brokerPort">MQTT broker port.</param>
    /// <param name="options">Overrides, or null.</param>
    public ScenarioRunner(Scenario scenario, SimulationFile school, string brokerHost, int brokerPort, ScenarioRunOptions? options = null)
    {
        _scenario = scenario;
        _school = school;
        _options = options ?? new ScenarioRunOptions();
        _zone = TimeZoneInfo.FindSystemTimeZoneById(scenario.TimeZone);
        _random = new Random(scenario.Seed);
        _virtualUtc = ToUtc(_options.Date ?? DateOnly.ParseExact(scenario.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), scenario.Start);
        // A file that names a secured broker brings its CA and accounts; host and port come from the caller.
        BrokerEndpoint broker = school.Broker?.Endpoint(brokerHost, brokerPort) ?? new BrokerEndpoint(brokerHost, brokerPort);
        _fleet = new LockerFleet(broker, school.Lockers.Select(l => (school.SettingsFor(l), l.Compartments)), _options.JournalBytes ?? scenario.JournalBytes);
        for (int i = 0; i < school.Lockers.Count; i++)
        {
            _lockers[school.Lockers[i].Id] = _fleet.Lockers[i];
            _links[school.Lockers[i].Id] = (MqttNetLink)_fleet.Lockers[i].Link;
            _problems[school.Lockers[i].Id] = [];
        }

        _classrooms = school.Lockers.Where(l => !l.IsOffice).ToList();
        _office = school.Lockers.FirstOrDefault(l => l.IsOffice);
        foreach (SimulatedPerson person in school.People)
        {
            _people[person.Id] = person;
            _people.TryAdd(person.Name, person);
        }

        _staff = school.People.Where(p => !p.IsPupil).ToList();
        _pupils = school.People.Where(p => p.IsPupil).ToList();
    }

    /// <summary>Gets the lockers.</summary>
    public LockerFleet Fleet => _fleet;

    /// <summary>Gets the scenario's time now, in UTC (its start time until <see cref="Start"/> boots the lockers).</summary>
    public DateTime VirtualUtc => _virtualUtc;

    /// <summary>Gets or sets where progress goes (called on the running thread).</summary>
    public IProgress<RunProgress>? Progress { get; set; }

    /// <summary>
    /// Runs the whole scenario: boot, the day, then waits until every event is acknowledged (or the drain timeout).
    /// </summary>
    /// <param name="cancellationToken">Stops early (the summary then shows what was done).</param>
    /// <returns>The summary.</returns>
    public RunSummary Run(CancellationToken cancellationToken)
    {
        Start(cancellationToken);
        RunDay(_options.Date ?? DateOnly.ParseExact(_scenario.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), cancellationToken);
        Drain(cancellationToken);
        return Summary();
    }

    /// <summary>
    /// Boots every locker at the scenario's start time and waits (real time) until each has applied a configuration.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    public void Start(CancellationToken cancellationToken)
    {
        _real.Start();
        if (_options.StateDirectory is string state)
        {
            foreach (VirtualLocker locker in _fleet.Lockers)
            {
                try
                {
                    LockerState.Load(state, locker);
                }
                catch (InvalidDataException ex)
                {
                    Problem(locker.Settings.Device, "saved state not used: " + ex.Message);
                }
            }
        }

        _fleet.Boot(_virtualUtc);
        foreach ((string id, VirtualLocker locker) in _lockers)
        {
            _baseline[id] = locker.Controller.Journal.NewestSequence - 1; // this run starts with its boot event
        }

        _started = true;
        _phase = "configuring";
        var deadline = Stopwatch.StartNew();
        while (_fleet.Lockers.Any(l => l.Controller.Config.Version == 0) && deadline.Elapsed < _options.ConfigTimeout && !cancellationToken.IsCancellationRequested)
        {
            Pass(LockerController.LoopMilliseconds);
            Thread.Sleep(10);
        }

        foreach ((string id, VirtualLocker locker) in _lockers.Where(l => l.Value.Controller.Config.Version == 0))
        {
            Problem(id, "no configuration received (is the gateway running and the locker registered?)");
        }

        RememberPhonesInside();
    }

    /// <summary>
    /// Runs the scenario's steps on one day (the lockers' clocks are set to its start time first).
    /// </summary>
    /// <param name="date">The day.</param>
    /// <param name="cancellationToken">Stops after the current action.</param>
    public void RunDay(DateOnly date, CancellationToken cancellationToken)
    {
        if (!_started)
        {
            throw new InvalidOperationException("Start first");
        }

        _phase = "running";
        DateTime start = ToUtc(date, _scenario.Start);
        if (start > _virtualUtc)
        {
            _virtualUtc = start; // the lockers catch up at the next pass
        }
        else if (_virtualUtc - start > TimeSpan.FromMinutes(10))
        {
            // Another day (or the same day again, as the demo loops): set every clock as SNTP would.
            _virtualUtc = start;
            foreach (VirtualLocker locker in _fleet.Lockers)
            {
                locker.Clock.Synchronize(start);
            }
        }

        _paceOriginUtc = _virtualUtc;
        _paceOriginReal = _real.Elapsed;
        foreach (ScenarioStep step in _scenario.Steps)
        {
            Schedule(ToUtc(date, step.At), () => Begin(step, date));
        }

        while (_queue.TryPeek(out _, out (DateTime Due, long) key) && !cancellationToken.IsCancellationRequested)
        {
            AdvanceTo(key.Due);
            _queue.Dequeue()();
        }

        _queue.Clear();
        AdvanceTo(ToUtc(date, _scenario.End), cancellationToken);
    }

    /// <summary>
    /// Runs (in real time, 1 s of virtual time per pass) until every journal is acknowledged or the drain timeout passes.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>true when nothing is outstanding.</returns>
    public bool Drain(CancellationToken cancellationToken)
    {
        _phase = "draining";
        foreach (MqttNetLink link in _links.Values)
        {
            link.NetworkDown = false;
        }

        var deadline = Stopwatch.StartNew();
        while (_fleet.Outstanding > 0 && deadline.Elapsed < _options.DrainTimeout && !cancellationToken.IsCancellationRequested)
        {
            Pass(1000);
            Thread.Sleep(20);
        }

        return _fleet.Outstanding == 0;
    }

    /// <summary>
    /// The state of every locker now.
    /// </summary>
    /// <returns>The summary.</returns>
    public RunSummary Summary() => new(
        _scenario.Name,
        _real.Elapsed,
        _actionsDone,
        _school.Lockers.Select(l =>
        {
            VirtualLocker locker = _lockers[l.Id];
            long before = _baseline.GetValueOrDefault(l.Id);
            return new LockerReport(
                l.Id,
                locker.Controller.Journal.NewestSequence - before,
                Math.Max(0, locker.Controller.Journal.AckedThrough - before),
                locker.Controller.Journal.PendingCount,
                locker.Controller.Journal.LostCount,
                locker.Controller.Uplink.FailedConnects,
                _problems[l.Id].ToList());
        }).ToList());

    /// <summary>
    /// Saves every locker's flash and settings when a state folder is set (also done on dispose).
    /// </summary>
    public void SaveState()
    {
        if (_started && _options.StateDirectory is string state)
        {
            foreach (VirtualLocker locker in _fleet.Lockers)
            {
                LockerState.Save(state, locker);
            }
        }
    }

    /// <summary>Disconnects every locker and saves their state when a state folder is set.</summary>
    public void Dispose()
    {
        _fleet.Dispose();
        SaveState();
    }

    /// <summary>Phones left inside by an earlier run (saved state) belong to their owners again.</summary>
    private void RememberPhonesInside()
    {
        byte[] key = Convert.FromHexString(_school.CredentialKey);
        Dictionary<string, string> owners = _school.People.ToDictionary(p => CredentialHash.Compute(key, p.CardUid()), p => p.Id, StringComparer.Ordinal);
        foreach ((string id, VirtualLocker locker) in _lockers)
        {
            for (int c = 1; c <= locker.Controller.CompartmentCount; c++)
            {
                Compartment compartment = locker.Controller.GetCompartment(c);
                if (compartment.IsOccupied && owners.TryGetValue(compartment.Occupant, out string? person))
                {
                    _phoneIn[person] = id;
                }
            }
        }
    }

    private DateTime ToUtc(DateOnly date, string localTime)
    {
        ScenarioLoader.TryParseTime(localTime, out TimeSpan time);
        DateTime local = date.ToDateTime(TimeOnly.FromTimeSpan(time), DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(local, _zone);
    }

    private void Schedule(DateTime dueUtc, Action action) => _queue.Enqueue(action, (dueUtc, _order++));

    private void Begin(ScenarioStep step, DateOnly date)
    {
        switch (step.Do)
        {
            case "network-down":
            case "network-up":
                foreach (string id in step.Locker is null or "all" ? _links.Keys.ToArray() : [step.Locker])
                {
                    if (_links.TryGetValue(id, out MqttNetLink? link))
                    {
                        link.NetworkDown = step.Do == "network-down";
                    }
                }

                _actionsPlanned++;
                Done();
                return;
            case "force":
                _actionsPlanned++;
                Force(step);
                return;
            case "churn":
                DateTime from = ToUtc(date, step.At);
                DateTime until = ToUtc(date, step.Until!);
                double rate = _options.Rate ?? step.Rate;
                int count = (int)Math.Round((until - from).TotalSeconds * rate);
                for (int i = 0; i < count; i++)
                {
                    Schedule(from.AddSeconds(i / rate), () => Churn(step));
                }

                _actionsPlanned += count;
                return;
        }

        List<SimulatedPerson> who = Resolve(step);
        if (step.Until is null || who.Count <= 1)
        {
            _actionsPlanned += who.Count;
            who.ForEach(p => Act(step, p));
            return;
        }

        DateTime begin = ToUtc(date, step.At);
        TimeSpan spacing = (ToUtc(date, step.Until) - begin) / who.Count;
        for (int i = 0; i < who.Count; i++)
        {
            SimulatedPerson person = who[i];
            Schedule(begin + (spacing * i), () => Act(step, person));
        }

        _actionsPlanned += who.Count;
    }

    private List<SimulatedPerson> Resolve(ScenarioStep step)
    {
        var names = new List<string>();
        if (step.Who.ValueKind == JsonValueKind.String)
        {
            names.Add(step.Who.GetString()!);
        }
        else if (step.Who.ValueKind == JsonValueKind.Array)
        {
            names.AddRange(step.Who.EnumerateArray().Select(e => e.GetString() ?? string.Empty));
        }

        var people = new List<SimulatedPerson>();
        foreach (string name in names)
        {
            switch (name)
            {
                case "all-staff":
                    people.AddRange(Shuffled(_staff));
                    break;
                case "all-pupils":
                    people.AddRange(Shuffled(_pupils));
                    break;
                case "phones-in":
                    people.AddRange(Shuffled(_staff.Where(p => _phoneIn.ContainsKey(p.Id)).ToList()));
                    break;
                case "phones-out":
                    people.AddRange(Shuffled(_staff.Where(p => !_phoneIn.ContainsKey(p.Id)).ToList()));
                    break;
                case "pupils-in-office":
                    people.AddRange(Shuffled(_pupils.Where(p => _phoneIn.ContainsKey(p.Id)).ToList()));
                    break;
                default:
                    if (_people.TryGetValue(name, out SimulatedPerson? person))
                    {
                        people.Add(person);
                    }
                    else
                    {
                        Problem(_school.Lockers[0].Id, $"step at {step.At}: nobody called '{name}' in the provisioning file");
                    }

                    break;
            }
        }

        return step.Count > 0 ? people.Take(step.Count).ToList() : people;
    }

    private List<SimulatedPerson> Shuffled(List<SimulatedPerson> people)
    {
        SimulatedPerson[] copy = [.. people];
        _random.Shuffle(copy);
        return [.. copy];
    }

    private void Act(ScenarioStep step, SimulatedPerson person)
    {
        switch (step.Do)
        {
            case "intake":
            case "release":
                Office(step, person);
                break;
            default:
                string locker = step.Locker ?? (_phoneIn.TryGetValue(person.Id, out string? holding) ? holding : HomeLocker(person));
                int seconds = step.Seconds > 0 ? step.Seconds : step.Do == "leave-open" ? 300 : 3;
                UseAt(locker, person, step.Do, seconds, office: null);
                break;
        }

        Done();
    }

    private string HomeLocker(SimulatedPerson person)
    {
        int index = _staff.IndexOf(person);
        return _classrooms.Count == 0 ? _school.Lockers[0].Id : _classrooms[Math.Max(index, 0) % _classrooms.Count].Id;
    }

    private void Office(ScenarioStep step, SimulatedPerson pupil)
    {
        string? locker = step.Locker ?? _office?.Id;
        SimulatedPerson? by = step.By is not null && _people.TryGetValue(step.By, out SimulatedPerson? named) ? named : _staff.FirstOrDefault(p => p.Office);
        if (locker is null || by is null)
        {
            Problem(_school.Lockers[0].Id, $"{step.Do} {pupil.Id}: no office unit or office member of staff in the provisioning file");
            return;
        }

        UseAt(locker, pupil, step.Do, step.Seconds > 0 ? step.Seconds : 3, office: by);
    }

    private void UseAt(string lockerId, SimulatedPerson person, string action, int holdSeconds, SimulatedPerson? office)
    {
        if (!_lockers.TryGetValue(lockerId, out VirtualLocker? locker))
        {
            Problem(_school.Lockers[0].Id, $"{action} {person.Id}: no locker '{lockerId}'");
            return;
        }

        if (office is not null)
        {
            Tap(locker, office.CardUid());
            Local(locker, 1000);
        }

        Tap(locker, person.CardUid());
        int compartment = 0;
        for (int c = 1; c <= locker.Compartments.CompartmentCount && compartment == 0; c++)
        {
            compartment = locker.Compartments.IsUnlocked(c) ? c : 0;
        }

        if (compartment == 0)
        {
            Problem(lockerId, $"{Local():HH:mm:ss} {action} {person.Id}: refused, nothing unlocked");
            return;
        }

        bool wasOccupied = locker.Controller.GetCompartment(compartment).IsOccupied;
        locker.Compartments.TryOpen(compartment);
        Local(locker, holdSeconds * 1000L);
        locker.Compartments.Close(compartment);
        Local(locker, ActionPassMilliseconds);
        if (wasOccupied)
        {
            _phoneIn.Remove(person.Id);
        }
        else
        {
            _phoneIn[person.Id] = lockerId;
        }

        bool expectedDeposit = action is "deposit" or "intake";
        bool expectedRetrieve = action is "retrieve" or "release";
        if ((expectedDeposit && wasOccupied) || (expectedRetrieve && !wasOccupied))
        {
            Problem(lockerId, $"{Local():HH:mm:ss} {action} {person.Id}: compartment {compartment} was {(wasOccupied ? "occupied" : "empty")}");
        }
    }

    private void Force(ScenarioStep step)
    {
        string id = step.Locker ?? (_classrooms.Count > 0 ? _classrooms[0].Id : _school.Lockers[0].Id);
        if (!_lockers.TryGetValue(id, out VirtualLocker? locker))
        {
            Problem(_school.Lockers[0].Id, $"force: no locker '{id}'");
            return;
        }

        int compartment = step.Compartment;
        for (int c = 1; c <= locker.Compartments.CompartmentCount && compartment == 0; c++)
        {
            compartment = locker.Controller.GetCompartment(c).IsAtRest && !locker.Controller.GetCompartment(c).IsOccupied ? c : 0;
        }

        locker.Compartments.Force(compartment);
        Local(locker, (step.Seconds > 0 ? step.Seconds : 5) * 1000L);
        locker.Compartments.Close(compartment);
        Local(locker, ActionPassMilliseconds);
        Done();
    }

    /// <summary>
    /// One random deposit (a member of staff without a phone in, at a random classroom unit with room) or retrieval
    /// (a random phone in, by its owner), about half each while both are possible.
    /// </summary>
    private void Churn(ScenarioStep step)
    {
        SimulatedPerson? depositor = null;
        for (int attempt = 0; attempt < 20 && depositor is null; attempt++)
        {
            SimulatedPerson candidate = _staff[_random.Next(_staff.Count)];
            depositor = _phoneIn.ContainsKey(candidate.Id) ? null : candidate;
        }

        SimulatedLocker unit = _classrooms[_random.Next(_classrooms.Count)];
        bool room = _phoneIn.Values.Count(l => l == unit.Id) < unit.Compartments;
        int seconds = step.Seconds > 0 ? step.Seconds : 1;
        if (depositor is not null && room && (_phoneIn.Count == 0 || _random.Next(2) == 0))
        {
            UseAt(unit.Id, depositor, "deposit", seconds, office: null);
        }
        else if (_phoneIn.Count > 0)
        {
            KeyValuePair<string, string> phone = _phoneIn.ElementAt(_random.Next(_phoneIn.Count));
            UseAt(phone.Value, _people[phone.Key], "retrieve", seconds, office: null);
        }

        Done();
    }

    private void Tap(VirtualLocker locker, byte[] uid)
    {
        // The reader ignores the same card again within RepeatTapMilliseconds: a person waits that long first.
        if (_lastTaps.TryGetValue(locker, out (byte[] Card, long Uptime) last) && last.Card.AsSpan().SequenceEqual(uid))
        {
            Local(locker, Math.Max(0, last.Uptime + LockerController.RepeatTapMilliseconds + LockerController.LoopMilliseconds - locker.Clock.UptimeMilliseconds));
        }

        _lastTaps[locker] = (uid, locker.Clock.UptimeMilliseconds);
        locker.Reader.Present(uid);
        Local(locker, LockerController.LoopMilliseconds);
        locker.Reader.Remove();
    }

    /// <summary>Moves one locker's clock on (an action there takes time only there).</summary>
    private static void Local(VirtualLocker locker, long milliseconds)
    {
        for (long done = 0; done < milliseconds; done += ActionPassMilliseconds)
        {
            locker.Clock.Advance(Math.Min(ActionPassMilliseconds, milliseconds - done));
            locker.Controller.Tick();
        }
    }

    private DateTime Local() => TimeZoneInfo.ConvertTimeFromUtc(_virtualUtc, _zone);

    private void AdvanceTo(DateTime dueUtc, CancellationToken cancellationToken = default)
    {
        while (dueUtc - _virtualUtc >= TimeSpan.FromMilliseconds(MinimumPassMilliseconds) && !cancellationToken.IsCancellationRequested)
        {
            Pass((int)Math.Min(_options.IdlePassMilliseconds, (dueUtc - _virtualUtc).TotalMilliseconds));
            Pace();
        }
    }

    /// <summary>One main-loop pass at every locker, each brought up to the scenario's time.</summary>
    private void Pass(int milliseconds)
    {
        _virtualUtc = _virtualUtc.AddMilliseconds(milliseconds);
        foreach (VirtualLocker locker in _fleet.Lockers)
        {
            long behind = (long)(_virtualUtc - locker.Clock.UtcNow).TotalMilliseconds;
            locker.Clock.Advance(Math.Max(behind, 0));
            locker.Controller.Tick();
        }

        Report();
    }

    private void Pace()
    {
        double speed = _options.Speed ?? _scenario.Speed;
        if (speed <= 0)
        {
            WaitForNetwork();
            return;
        }

        TimeSpan due = _paceOriginReal + ((_virtualUtc - _paceOriginUtc) / speed);
        for (TimeSpan wait = due - _real.Elapsed; wait > TimeSpan.FromMilliseconds(1); wait = due - _real.Elapsed)
        {
            Thread.Sleep(wait < TimeSpan.FromMilliseconds(200) ? wait : TimeSpan.FromMilliseconds(200));
            Report();
        }
    }

    /// <summary>
    /// As fast as possible, but no faster than the network: virtual time runs far ahead of real time at speed 0, so an
    /// acknowledgement that takes a few real milliseconds would look late to the locker's resend timer and its events
    /// would be sent again. When an online locker's events have waited <see cref="NetworkLeadMilliseconds"/> of its
    /// virtual time, the runner waits (real time, main-loop passes without moving the clocks) for the acknowledgement.
    /// </summary>
    private void WaitForNetwork()
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < s_maxNetworkWait && _fleet.Lockers.Any(AwaitsNetwork))
        {
            Thread.Sleep(1);
            foreach (VirtualLocker locker in _fleet.Lockers)
            {
                locker.Controller.Tick();
            }
        }
    }

    private bool AwaitsNetwork(VirtualLocker locker)
    {
        if (!locker.Controller.Uplink.IsOnline || locker.Controller.Journal.PendingCount == 0)
        {
            _pendingSince.Remove(locker);
            return false;
        }

        long now = locker.Clock.UptimeMilliseconds;
        if (!_pendingSince.TryGetValue(locker, out long since) || now < since)
        {
            _pendingSince[locker] = now;
            return false;
        }

        return now - since > NetworkLeadMilliseconds;
    }

    private void Report()
    {
        if (Progress is null || _real.Elapsed - _lastProgress < _options.ProgressInterval)
        {
            return;
        }

        _lastProgress = _real.Elapsed;
        long recorded = 0;
        long acked = 0;
        long outstanding = 0;
        foreach ((string id, VirtualLocker locker) in _lockers)
        {
            long before = _baseline.GetValueOrDefault(id);
            recorded += locker.Controller.Journal.NewestSequence - before;
            acked += Math.Max(0, locker.Controller.Journal.AckedThrough - before);
            outstanding += locker.Controller.Journal.PendingCount;
        }

        Progress.Report(new RunProgress(Local(), _real.Elapsed, _actionsDone, _actionsPlanned, recorded, acked, outstanding, _problems.Values.Sum(p => p.Count), _phase));
    }

    private void Done() => _actionsDone++;

    private void Problem(string locker, string what) => _problems[locker].Add(what);
}
