namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// A span of local wall-clock time within one day, start inclusive, end exclusive.
/// </summary>
/// <param name="Start">Local start time.</param>
/// <param name="End">Local end time (after <paramref name="Start"/>).</param>
public readonly record struct TimeWindow(TimeOnly Start, TimeOnly End)
{
    /// <summary>
    /// Tells whether a local time falls inside the window.
    /// </summary>
    /// <param name="time">Local time.</param>
    /// <returns>true when Start &lt;= time &lt; End.</returns>
    public bool Contains(TimeOnly time) => time >= Start && time < End;
}
