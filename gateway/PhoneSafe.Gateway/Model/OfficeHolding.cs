namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A pupil phone held in an office unit now.
/// </summary>
/// <param name="Locker">Office unit.</param>
/// <param name="Compartment">Compartment number.</param>
/// <param name="PupilCredential">Keyed hash of the pupil's card (the intake event's subject).</param>
/// <param name="OfficeCredential">Keyed hash of the office badge that took the phone in.</param>
/// <param name="SinceUtc">When the phone went in.</param>
/// <param name="Sequence">The intake event's sequence number at that locker.</param>
public sealed record OfficeHolding(string Locker, int Compartment, string PupilCredential, string OfficeCredential, DateTimeOffset SinceUtc, long Sequence);
