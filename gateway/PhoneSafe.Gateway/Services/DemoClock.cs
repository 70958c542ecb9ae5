namespace PhoneSafe.Gateway.Services;

/// <summary>
/// The gateway's clock in demo mode. On a Saturday or Sunday it runs whole days behind, on the Friday before, so
/// that the demonstration school always plays a school day and every page (Today, Compliance, Office) agrees on the
/// date; the pages say so. On a weekday it is the real clock.
/// </summary>
public sealed class DemoClock : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly TimeSpan _shift;

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
    }

    /// <summary>Gets the real date when the gateway started, in the school's time zone.</summary>
    public DateOnly RealDate { get; }

    /// <summary>Gets the school day the demo plays as today.</summary>
    public DateOnly PlayedDate { get; }

    /// <summary>Gets a value indicating whether the demo plays another date than the real one.</summary>
    public bool IsShifted => PlayedDate != RealDate;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => _real.GetUtcNow() + _shift;
}
