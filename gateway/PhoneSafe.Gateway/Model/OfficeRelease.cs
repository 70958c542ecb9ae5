namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A release of a pupil phone recorded at the office console (the phone itself comes out at the office unit).
/// </summary>
/// <param name="Id">Row id.</param>
/// <param name="School">School identifier.</param>
/// <param name="PupilId">Pupil (admission number), or the credential hash when the card is not linked to anyone.</param>
/// <param name="Locker">Office unit.</param>
/// <param name="Compartment">Compartment number.</param>
/// <param name="IntakeSequence">Sequence of the intake event this release ends.</param>
/// <param name="Early">true when recorded before home-time.</param>
/// <param name="Reason">Why it was released early (required then), else null.</param>
/// <param name="By">The signed-in user who recorded it.</param>
/// <param name="AtUtc">When it was recorded.</param>
public sealed record OfficeRelease(long Id, string School, string PupilId, string Locker, int Compartment, long IntakeSequence, bool Early, string? Reason, string By, DateTimeOffset AtUtc);
