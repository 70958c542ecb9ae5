using System.Text;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Import;

/// <summary>
/// The CSV columns an import reads, and the header names (as SIMS, Arbor, Bromcom and spreadsheets write them)
/// accepted for each. Headers match ignoring case, spaces and punctuation ("Reg Group" = "reg_group" = "RegGroup").
/// Every other column is ignored, so exports with dates of birth, addresses or SEN data import without those
/// being read or kept. The first alias present wins, so preferred names beat legal names.
/// </summary>
public static class ImportColumns
{
    /// <summary>The person's identifier (staff code, admission number).</summary>
    public const string Id = "id";

    /// <summary>Forename.</summary>
    public const string FirstName = "firstName";

    /// <summary>Surname.</summary>
    public const string LastName = "lastName";

    /// <summary>A whole name, used when there are no forename/surname columns.</summary>
    public const string FullName = "name";

    /// <summary>Staff department.</summary>
    public const string Department = "department";

    /// <summary>Staff role or job title (only read to tell office staff and SLT).</summary>
    public const string Role = "role";

    /// <summary>Yes/no: office staff.</summary>
    public const string Office = "office";

    /// <summary>Yes/no: senior leadership team.</summary>
    public const string Slt = "slt";

    /// <summary>Pupil year group.</summary>
    public const string Year = "year";

    /// <summary>Pupil registration group.</summary>
    public const string Group = "group";

    private static readonly string[] s_firstName = ["Preferred Forename", "Preferred First Name", "Known As", "Forename", "First Name", "Legal Forename", "Given Name"];
    private static readonly string[] s_lastName = ["Preferred Surname", "Preferred Last Name", "Surname", "Last Name", "Legal Surname", "Family Name"];
    private static readonly string[] s_fullName = ["Name", "Full Name", "Display Name"];

    /// <summary>Gets the accepted headers of each staff column, in order of preference.</summary>
    public static IReadOnlyDictionary<string, string[]> Staff { get; } = new Dictionary<string, string[]>
    {
        [Id] = ["Staff Code", "StaffCode", "Code", "Staff ID", "Teacher Code", "Employee Code"],
        [FirstName] = s_firstName,
        [LastName] = s_lastName,
        [FullName] = s_fullName,
        [Department] = ["Department", "Dept", "Department Name"],
        [Role] = ["Role", "Staff Role", "Job Title", "Post"],
        [Office] = ["Office", "Office Staff", "Is Office"],
        [Slt] = ["SLT", "Senior Leadership", "Senior Leadership Team", "Is SLT"],
    };

    /// <summary>Gets the accepted headers of each pupil column, in order of preference (admission number before UPN).</summary>
    public static IReadOnlyDictionary<string, string[]> Pupils { get; } = new Dictionary<string, string[]>
    {
        [Id] = ["Admission Number", "Adno", "Adm No", "Admission No", "Admissions Number", "UPN", "Unique Pupil Number"],
        [FirstName] = s_firstName,
        [LastName] = s_lastName,
        [FullName] = s_fullName,
        [Year] = ["Year", "Year Group", "NC Year", "Curriculum Year", "Yr"],
        [Group] = ["Reg Group", "Registration Group", "Reg", "Reg Form", "Registration Form", "Form", "Form Group", "Tutor Group"],
    };

    /// <summary>
    /// Gets the accepted headers for a kind of person.
    /// </summary>
    /// <param name="kind">A <see cref="PersonKind"/> word.</param>
    /// <returns>The alias table.</returns>
    public static IReadOnlyDictionary<string, string[]> For(string kind) => kind == PersonKind.Staff ? Staff : Pupils;

    /// <summary>
    /// Finds which field of the header row each column is.
    /// </summary>
    /// <param name="header">The header fields.</param>
    /// <param name="aliases">The alias table.</param>
    /// <returns>Column → (field index, header as written) for the columns found.</returns>
    public static Dictionary<string, (int Index, string Header)> Map(IReadOnlyList<string> header, IReadOnlyDictionary<string, string[]> aliases)
    {
        var normalised = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            normalised.TryAdd(Normalise(header[i]), i);
        }

        var map = new Dictionary<string, (int, string)>(StringComparer.Ordinal);
        foreach ((string column, string[] names) in aliases)
        {
            foreach (string name in names)
            {
                if (normalised.TryGetValue(Normalise(name), out int index))
                {
                    map[column] = (index, header[index].Trim());
                    break;
                }
            }
        }

        return map;
    }

    private static string Normalise(string header)
    {
        var text = new StringBuilder(header.Length);
        foreach (char c in header)
        {
            if (char.IsLetterOrDigit(c))
            {
                text.Append(char.ToLowerInvariant(c));
            }
        }

        return text.ToString();
    }
}
