namespace PhoneSafe.Simulator.Provisioning;

/// <summary>
/// The size of a generated school (see <see cref="SchoolGenerator"/>).
/// </summary>
/// <param name="Staff">Members of staff (at least 4: S001 head, S002 office manager, S003 deputy head, S004 receptionist).</param>
/// <param name="Pupils">Pupils.</param>
/// <param name="ClassroomLockers">Classroom units.</param>
/// <param name="OfficeLockers">Office units (0 or more).</param>
/// <param name="Compartments">Compartments per classroom unit (1 to 16).</param>
/// <param name="OfficeCompartments">Compartments per office unit (1 to 16).</param>
public sealed record SchoolSize(int Staff = 40, int Pupils = 60, int ClassroomLockers = 4, int OfficeLockers = 1, int Compartments = 16, int OfficeCompartments = 16);
