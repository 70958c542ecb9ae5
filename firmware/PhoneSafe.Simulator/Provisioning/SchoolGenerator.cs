using System.Globalization;
using System.Text;

namespace PhoneSafe.Simulator.Provisioning;

/// <summary>
/// Generates a fictitious school: staff and pupil CSV exports in the shape a school's MIS writes them, and the locker
/// units to register. Identifiers are stable (staff S001…, pupils P0001…, lockers lk-room-01…, lk-office), so
/// scenario files can name people and lockers. The demo, the tests and a tester's own gateway use the same school.
/// </summary>
public static class SchoolGenerator
{
    private static readonly string[] s_forenames = ["Ann", "Ben", "Cara", "Dev", "Ema", "Finn", "Gita", "Hal", "Iris", "Jon", "Kai", "Lena", "Mo", "Nia", "Oli", "Pia", "Raj", "Sue", "Tom", "Uma"];
    private static readonly string[] s_surnames = ["Abara", "Brook", "Carter", "Dutta", "Evans", "Fox", "Green", "Hughes", "Ince", "Jones", "Khan", "Lowe", "Mills", "Novak", "Okafor", "Patel", "Quinn", "Reid", "Shah", "Turner", "Usman"];
    private static readonly string[] s_departments = ["Maths", "English", "Science", "Humanities", "\"Design, Technology\"", "PE", "Languages", "Arts"];

    /// <summary>
    /// The staff code of the n-th member of staff.
    /// </summary>
    /// <param name="n">From 1.</param>
    /// <returns>S001, S002, …</returns>
    public static string StaffCode(int n) => string.Create(CultureInfo.InvariantCulture, $"S{n:000}");

    /// <summary>
    /// The admission number of the n-th pupil.
    /// </summary>
    /// <param name="n">From 1.</param>
    /// <returns>P0001, P0002, …</returns>
    public static string AdmissionNumber(int n) => string.Create(CultureInfo.InvariantCulture, $"P{n:0000}");

    /// <summary>
    /// The staff CSV export (Staff Code, Preferred Forename, Legal Surname, Department, Role).
    /// </summary>
    /// <param name="size">School size.</param>
    /// <returns>CSV text with CRLF line ends.</returns>
    public static string StaffCsv(SchoolSize size)
    {
        var csv = new StringBuilder("Staff Code,Preferred Forename,Legal Surname,Department,Role\r\n");
        for (int n = 1; n <= size.Staff; n++)
        {
            string role = n switch { 1 => "Headteacher", 2 => "Office Manager", 3 => "Deputy Head", 4 => "Receptionist", _ => "Teacher" };
            csv.Append(CultureInfo.InvariantCulture, $"{StaffCode(n)},{Forename(n)},{Surname(n)},{s_departments[(n - 1) % s_departments.Length]},{role}\r\n");
        }

        return csv.ToString();
    }

    /// <summary>
    /// The pupil CSV export (Admission Number, Forename, Surname, Year, Reg Group).
    /// </summary>
    /// <param name="size">School size.</param>
    /// <returns>CSV text with CRLF line ends.</returns>
    public static string PupilCsv(SchoolSize size)
    {
        var csv = new StringBuilder("Admission Number,Forename,Surname,Year,Reg Group\r\n");
        for (int n = 1; n <= size.Pupils; n++)
        {
            int year = 7 + ((n - 1) % 5);
            csv.Append(CultureInfo.InvariantCulture, $"{AdmissionNumber(n)},{Forename(n + 7)},{Surname(n + 3)},{year},{year}{(char)('A' + ((n - 1) / 5 % 4))}\r\n");
        }

        return csv.ToString();
    }

    /// <summary>
    /// The locker units: classroom units lk-room-01…, then lk-office (or lk-office-1… when there are several).
    /// </summary>
    /// <param name="size">School size.</param>
    /// <returns>Identifier, kind ("classroom" or "office") and compartments of each unit.</returns>
    public static IReadOnlyList<(string Id, string Kind, int Compartments)> Lockers(SchoolSize size)
    {
        var lockers = new List<(string, string, int)>();
        for (int i = 1; i <= size.ClassroomLockers; i++)
        {
            lockers.Add((string.Create(CultureInfo.InvariantCulture, $"lk-room-{i:00}"), "classroom", size.Compartments));
        }

        for (int i = 1; i <= size.OfficeLockers; i++)
        {
            lockers.Add((size.OfficeLockers == 1 ? "lk-office" : string.Create(CultureInfo.InvariantCulture, $"lk-office-{i}"), "office", size.OfficeCompartments));
        }

        return lockers;
    }

    /// <summary>
    /// The people of the school with their simulated cards, as a provisioning file lists them.
    /// </summary>
    /// <param name="school">School identifier (the cards depend on it).</param>
    /// <param name="size">School size.</param>
    /// <returns>Staff, then pupils.</returns>
    public static IReadOnlyList<SimulatedPerson> People(string school, SchoolSize size)
    {
        var people = new List<SimulatedPerson>();
        for (int n = 1; n <= size.Staff; n++)
        {
            string id = StaffCode(n);
            people.Add(new SimulatedPerson(id, $"{Forename(n)} {Surname(n)}", "staff", Convert.ToHexString(SimulatedCards.Uid(school, id)), Office: n is 2 or 4, Slt: n is 1 or 3));
        }

        for (int n = 1; n <= size.Pupils; n++)
        {
            string id = AdmissionNumber(n);
            people.Add(new SimulatedPerson(id, $"{Forename(n + 7)} {Surname(n + 3)}", "pupil", Convert.ToHexString(SimulatedCards.Uid(school, id))));
        }

        return people;
    }

    private static string Forename(int n) => s_forenames[(n - 1) % s_forenames.Length];

    private static string Surname(int n) => s_surnames[(n - 1) / s_forenames.Length % s_surnames.Length];
}
