namespace PhoneSafe.Gateway.Services;

/// <summary>
/// The gateway's clock in demo mode. On a Saturday or Sunday it runs whole days behind, on the Friday before, so
/// that the demonstration school always plays a school day and every page (Today, Compliance, Office) agrees on the
/// date; the pages say so. On a weekday it is the real clock.
/// <para>
/// The virtual lockers play the day faster than real time, from its start whatever the hour: the policy (a deposit due
/// by the start of contact time, a retrieve during it) is evaluated on their time, <see cref="Played"/>, so that a demo
/// started at 11:00 does not flag every deposit of the morning they have not played yet. Sign-in, sessions and the
/// pages keep this clock.
/// </para>
/// </summary>
public sealed class DemoClock : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly TimeSpan _shift;
    private readonly DateTimeOffset _dayStart;
    private volatile Func<DateTimeOffset>? _played;

    /// <summary>
    /// Initializes a new instance of the <see cref="DemoClock"/> class.
    /// </summary>
    /// <param name="real">The real clock.</param>
    /// <param name="timeZone">The school's time zone (it decides which date today is).</param>
    public DemoClock(TimeProvider real, TimeZoneInfo timeZone)
    {
        _real = real;
        RealDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(real.GetUtcNow(), timeZone).DateTime);
        int daysBack = RealDate.DayOfWeek switch
        {
            DayOfWeek.Saturday => 1,
            DayOfWeek.Sunday => 2,
            _ => 0,
        };
        PlayedDate = RealDate.AddDays(-daysBack);
        _shift = TimeSpan.FromDays(-daysBack);
        _dayStart = TimeZoneInfo.ConvertTimeToUtc(PlayedDate.ToDateTime(TimeOnly.MinValue), timeZone);
        Played = new PlayedTime(this);
    }

    /// <summary>Gets the real date when the gateway started, in the school's time zone.</summary>
    public DateOnly RealDate { get; }

    /// <summary>Gets the school day the demo plays as today.</summary>
    public DateOnly PlayedDate { get; }

    /// <summary>
    /// Gets the played day's time: the virtual lockers' time once they play (<see cref="Follow"/>), the real time of day
    /// when they are driven from outside (<see cref="RunInRealTime"/>), and until then the start of the played day
    /// (midnight, when nothing is due yet).
    /// </summary>
    public TimeProvider Played { get; }

    /// <summary>Gets a value indicating whether the demo plays another date than the real one.</summary>
    public bool IsShifted => PlayedDate != RealDate;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => _real.GetUtcNow() + _shift;

    /// <summary>
    /// From now on, <see cref="Played"/> is the virtual lockers' time.
    /// </summary>
    /// <param name="virtualUtc">Reads the lockers' virtual time (UTC); called from any thread.</param>
    public void Follow(Func<DateTime> virtualUtc) => _played = () => new DateTimeOffset(virtualUtc(), TimeSpan.Zero);

    /// <summary>
    /// From now on, <see cref="Played"/> is this clock: the lockers are driven from outside the gateway, in real time.
    /// </summary>
    public void RunInRealTime() => _played = GetUtcNow;

    private sealed class PlayedTime(DemoClock clock) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => clock._played?.Invoke() ?? clock._dayStart;
    }
}
