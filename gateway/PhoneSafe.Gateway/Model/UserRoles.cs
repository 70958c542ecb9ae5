namespace PhoneSafe.Gateway.Model;

/// <summary>
/// What a signed-in user may see and do (stored as these words).
/// </summary>
public static class UserRoles
{
    /// <summary>Senior leadership: compliance, flags and investigations for the whole school.</summary>
    public const string Slt = "SLT";

    /// <summary>
    /// The Headteacher: everything SLT may, and the only role that records consent to a parent's request that the office
    /// keep a pupil's phone safe. A Headteacher account also carries the SLT role.
    /// </summary>
    public const string Headteacher = "Headteacher";

    /// <summary>Office staff: pupil phones held in the office, intake and release.</summary>
    public const string Office = "Office";

    /// <summary>The IT technician: lockers, people, calendar, accounts, audit log.</summary>
    public const string Admin = "Admin";

    /// <summary>A member of staff: only their own record.</summary>
    public const string Staff = "Staff";

    /// <summary>All roles, for validation and forms.</summary>
    public static readonly IReadOnlyList<string> All = [Headteacher, Slt, Office, Admin, Staff];
}
