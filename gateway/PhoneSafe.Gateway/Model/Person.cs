namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A member of staff or a pupil of one school, as imported from the school's MIS.
/// </summary>
/// <param name="School">School identifier.</param>
/// <param name="PersonId">The school's own identifier (staff code, or the pupil's admission number), unique within the school.</param>
/// <param name="Kind">A <see cref="PersonKind"/> word.</param>
/// <param name="DisplayName">Name shown to SLT and office staff.</param>
/// <param name="Department">Department (staff) or null.</param>
/// <param name="Group">Registration group or year (pupils) or null.</param>
public sealed record Person(string School, string PersonId, string Kind, string DisplayName, string? Department = null, string? Group = null);
