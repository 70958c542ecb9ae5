namespace PhoneSafe.Gateway.Model;

/// <summary>
/// When an event happened as far as the gateway can tell. A locker's synchronised clock is trusted, within reason: an
/// authentic event may still carry any date the protocol admits (0001 to 9999) if the clock or the flash is corrupted,
/// and such a date would break every calculation made with it. Outside the plausible window the arrival time is used.
/// The window is lopsided on purpose: an event from a locker's journal (a backlog after being offline) always happened
/// before it arrived, so only a time in the past can be genuine; a time ahead of arrival by more than clock drift
/// (<see cref="MaxAhead"/>) comes from a wrong or tampered clock and is never used for policy, custody or dashboards.
/// A clock set back is caught within one boot of a locker: device time minus uptime, the instant the locker booted as
/// its own clock sees it, stays put while the clock runs true, so a drop of more than <see cref="MaxSetBack"/> from the
/// locker's previous trusted event of that boot (<see cref="WentBack"/>) means the clock went back, and the events from
/// there until the next boot are placed by arrival too.
/// </summary>
public static class DeviceClock
{
    /// <summary>How far before its arrival a device time is believed: a locker offline this long still backfills.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(366);

    /// <summary>
    /// How far after its arrival a device time is believed: five minutes, far above the drift of a clock set by SNTP,
    /// and short of anything that moves an event across a lesson boundary by more than a changeover.
    /// </summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How far a locker's boot instant (device time minus uptime) may drop between two events of one boot before the
    /// clock counts as set back: a minute, far above what SNTP corrects between two events of a crystal that drifts a
    /// second or two a day, and far below a lesson changeover.
    /// </summary>
    public static readonly TimeSpan MaxSetBack = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets whether a locker's clock went back between an earlier event of a boot and a later one of the same boot.
    /// </summary>
    /// <param name="earlierDeviceUtc">Device time of the earlier event.</param>
    /// <param name="earlierUptimeMilliseconds">Uptime of the earlier event, in milliseconds since the boot.</param>
    /// <param name="deviceUtc">Device time of the later event.</param>
    /// <param name="uptimeMilliseconds">Uptime of the later event, in milliseconds since the same boot.</param>
    /// <returns>True when the later event's boot instant is more than <see cref="MaxSetBack"/> before the earlier one's.</returns>
    public static bool WentBack(DateTimeOffset earlierDeviceUtc, long earlierUptimeMilliseconds, DateTimeOffset deviceUtc, long uptimeMilliseconds) =>
        BootMilliseconds(deviceUtc, uptimeMilliseconds) < BootMilliseconds(earlierDeviceUtc, earlierUptimeMilliseconds) - (long)MaxSetBack.TotalMilliseconds;

    // In milliseconds, not DateTimeOffset: any date and uptime the protocol admits (up to long.MaxValue ms) subtracts
    // without leaving the range.
    private static long BootMilliseconds(DateTimeOffset deviceUtc, long uptimeMilliseconds) =>
        (deviceUtc.UtcTicks / TimeSpan.TicksPerMillisecond) - uptimeMilliseconds;

    /// <summary>
    /// Gets the time an event is placed at: the device time when the clock was synchronised and the time is plausible,
    /// otherwise the arrival time.
    /// </summary>
    /// <param name="synchronized">Whether the locker's clock was synchronised and had not gone back within its boot.</param>
    /// <param name="deviceUtc">Time by the locker's clock.</param>
    /// <param name="receivedUtc">When the gateway received the event.</param>
    /// <returns>The time the policy, custody and dashboards use.</returns>
    public static DateTimeOffset Placed(bool synchronized, DateTimeOffset deviceUtc, DateTimeOffset receivedUtc) =>
        synchronized && deviceUtc.UtcTicks >= receivedUtc.UtcTicks - MaxAge.Ticks && deviceUtc.UtcTicks <= receivedUtc.UtcTicks + MaxAhead.Ticks
            ? deviceUtc
            : receivedUtc;
}
