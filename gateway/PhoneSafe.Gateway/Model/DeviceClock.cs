namespace PhoneSafe.Gateway.Model;

/// <summary>
/// When an event happened as far as the gateway can tell. A locker's synchronised clock is trusted, within reason: an
/// authentic event may still carry any date the protocol admits (0001 to 9999) if the clock or the flash is corrupted,
/// and such a date would break every calculation made with it. Outside the plausible window the arrival time is used.
/// </summary>
public static class DeviceClock
{
    /// <summary>How far before its arrival a device time is believed: a locker offline this long still backfills.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(366);

    /// <summary>How far after its arrival a device time is believed (clock drift).</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(1);

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
