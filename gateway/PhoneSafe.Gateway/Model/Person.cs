namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A member of staff or a pupil of one school, as imported from the school's MIS.
/// </summary>
/// <param name="School">School identifier.</param>
/// <param name="PersonId">The school's own identifier (staff code, or the pupil's admission number), unique within the school.</param>
/// <param name="Kind">A <see cref="PersonKind"/> word.</param>
/// <param name="DisplayName">Name shown to SLT and office staff.</param>
/// <param name="Department">Department (staff) or null.</param>
/// <param name="Group">Registration group (pupils) or null.</param>
/// <param name="Year">Year group (pupils) or null.</param>
/// <param name="Office">Whether a member of staff works in the office (takes in pupil phones at the office unit).</param>
/// <param name="Slt">Whether a member of staff is in the senior leadership team.</param>
/// <param name="Active">false when a full import no longer listed the person (their cards stop working).</param>
public sealed record Person(
    string School,
    string PersonId,
    string Kind,
    string DisplayName,
    string? Department = null,
    string? Group = null,
    string? Year = null,
    bool Office = false,
    bool Slt = false,
    bool Active = true);
