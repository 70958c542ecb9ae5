using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// A pupil phone held in the office, with what the console knows about it.
/// </summary>
/// <param name="Holding">The custody row.</param>
/// <param name="Pupil">The pupil, or null when the card is not linked to anyone.</param>
/// <param name="Notices">Parent notices recorded since the intake.</param>
/// <param name="Consent">A Headteacher consent covering today, if any.</param>
/// <param name="Release">The release recorded for this intake, if any.</param>
/// <param name="Confiscation">The confiscation in class that brought the phone to the office, or null when the pupil handed it in.</param>
/// <param name="Deliveries">E-mails and exports to the parents since the intake, newest first.</param>
public sealed record OfficeRow(
    OfficeHolding Holding,
    Person? Pupil,
    IReadOnlyList<ParentNotice> Notices,
    PolicyException? Consent,
    OfficeRelease? Release,
    Confiscation? Confiscation,
    IReadOnlyList<NoticeDelivery> Deliveries)
{
    /// <summary>Gets the key a form uses to name this row: "locker:sequence".</summary>
    public string Key => FormattableString.Invariant($"{Holding.Locker}:{Holding.Sequence}");

    /// <summary>Gets the pupil's id, or the start of the card hash when not linked.</summary>
    public string PupilId => Pupil?.PersonId ?? "card " + Holding.PupilCredential[..Math.Min(8, Holding.PupilCredential.Length)];

    /// <summary>Gets a value indicating whether parents asked the office to keep the phone safe.</summary>
    public bool KeepSafeRequest => Notices.Any(n => n.ParentRequested);
}
