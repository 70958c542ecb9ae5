namespace PhoneSafe.Gateway.Policy;

/// <summary>
/// A locker event as the ledger stores it, as far as the policy needs it.
/// </summary>
/// <param name="Id">Ledger row id (increasing in storage order).</param>
/// <param name="School">School identifier.</param>
/// <param name="Locker">Locker identifier.</param>
/// <param name="Boot">Boot counter of the locker.</param>
/// <param name="Sequence">Sequence number of the locker.</param>
/// <param name="Type">Event type word (protocol).</param>
/// <param name="Compartment">Compartment, 0 for the whole unit.</param>
/// <param name="Credential">Credential hash of the badge that acted, or empty.</param>
/// <param name="Subject">Credential hash of the pupil whose phone it is (office unit), or empty.</param>
/// <param name="DeviceUtc">Time by the locker's clock.</param>
/// <param name="TimeSynced">Whether the locker's clock was synchronised.</param>
/// <param name="ReceivedUtc">When the gateway received it.</param>
/// <param name="ClockSetBack">Whether the locker's clock had gone back within this boot (<see cref="Model.DeviceClock.WentBack"/>).</param>
public sealed record StoredEvent(
    long Id,
    string School,
    string Locker,
    long Boot,
    long Sequence,
    string Type,
    int Compartment,
    string Credential,
    string Subject,
    DateTimeOffset DeviceUtc,
    bool TimeSynced,
    DateTimeOffset ReceivedUtc,
    bool ClockSetBack)
{
    /// <summary>
    /// Gets when the event happened as far as the gateway can tell: the device time, or the arrival time when the clock
    /// was not synchronised, had gone back, or its time is implausible (<see cref="Model.DeviceClock"/>).
    /// </summary>
    public DateTimeOffset PlacedUtc => Model.DeviceClock.Placed(TimeSynced && !ClockSetBack, DeviceUtc, ReceivedUtc);

    /// <summary>Gets a value indicating whether the event concerns a pupil's phone (office unit).</summary>
    public bool HasSubject => !string.IsNullOrEmpty(Subject);
}
