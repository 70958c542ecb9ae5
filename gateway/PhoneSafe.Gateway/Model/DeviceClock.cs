namespace PhoneSafe.Gateway.Model;

/// <summary>
/// When an event happened as far as the gateway can tell. A locker's synchronised clock is trusted, within reason: an
/// authentic event may still carry any date the protocol admits (0001 to 9999) if the clock or the flash is corrupted,
/// and such a date would break every calculation made with it. Outside the plausible window the arrival time is used.
/// The window is lopsided on purpose: an event from a locker's journal (a backlog after being offline) always happened
/// before it arrived, so only a time in the past can be genuine; a time ahead of arrival by more than clock drift
/// (<see cref="MaxAhead"/>) comes from a wrong or tampered clock and is never used for policy, custody or dashboards.
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
    /// Gets the time an event is placed at: the device time when the clock was synchronised and the time is plausible,
    /// otherwise the arrival time.
    /// </summary>
    /// <param name="synchronized">Whether the locker's clock was synchronised.</param>
    /// <param name="deviceUtc">Time by the locker's clock.</param>
    /// <param name="receivedUtc">When the gateway received the event.</param>
    /// <returns>The time the policy, custody and dashboards use.</returns>
    public static DateTimeOffset Placed(bool synchronized, DateTimeOffset deviceUtc, DateTimeOffset receivedUtc) =>
        synchronized && deviceUtc.UtcTicks >= receivedUtc.UtcTicks - MaxAge.Ticks && deviceUtc.UtcTicks <= receivedUtc.UtcTicks + MaxAhead.Ticks
            ? deviceUtc
            : receivedUtc;
}
