using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Import;

/// <summary>
/// Imports staff or pupils from a CSV export of the school's MIS. Idempotent: a row whose details are already
/// held writes nothing, so importing the same file twice changes nothing. Rows that cannot be imported are
/// reported with their line number and reason; the others are imported in one transaction.
/// </summary>
/// <param name="store">The people store.</param>
public sealed class PeopleImporter(PeopleStore store)
{
    /// <summary>Longest name, department or role text kept.</summary>
    public const int MaxTextLength = 100;

    /// <summary>Longest person identifier.</summary>
    public const int MaxIdLength = 32;

    private static readonly string[] s_sltWords = ["slt", "senior leader", "headteacher", "head teacher", "deputy head", "assistant head", "principal"];
    private static readonly string[] s_officeWords = ["office", "reception"];

    /// <summary>
    /// Imports a file.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="kind"><see cref="PersonKind.Staff"/> or <see cref="PersonKind.Pupil"/>.</param>
    /// <param name="csv">The file's text.</param>
    /// <param name="full">true when the file lists everyone of this kind: people not in it become inactive.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The counts and the rejected rows.</returns>
    /// <exception cref="CsvFormatException">The text is not readable CSV; nothing changed.</exception>
    /// <exception cref="ImportFormatException">A required column is missing, or a full import has no valid row; nothing changed.</exception>
    public async Task<ImportReport> ImportAsync(string school, string kind, string csv, bool full, CancellationToken cancellationToken)
    {
        IReadOnlyList<CsvRow> rows = CsvParser.Parse(csv);
        if (rows.Count == 0)
        {
            throw new ImportFormatException("the file is empty: the first line must be a header row");
        }

        IReadOnlyDictionary<string, string[]> aliases = ImportColumns.For(kind);
        Dictionary<string, (int Index, string Header)> columns = ImportColumns.Map(rows[0].Fields, aliases);
        string idName = kind == PersonKind.Staff ? "staff code" : "admission number";
        if (!columns.ContainsKey(ImportColumns.Id))
        {
            throw new ImportFormatException($"no {idName} column: the header needs one of {string.Join(", ", aliases[ImportColumns.Id].Select(a => $"\"{a}\""))}");
        }

        if (!columns.ContainsKey(ImportColumns.LastName) && !columns.ContainsKey(ImportColumns.FullName))
        {
            throw new ImportFormatException($"no name column: the header needs a surname ({string.Join(", ", aliases[ImportColumns.LastName].Select(a => $"\"{a}\""))}) or a name column");
        }

        Dictionary<string, Person> existing = (await store.ListAsync(school, null, includeInactive: true, cancellationToken))
            .ToDictionary(p => p.PersonId, StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var rejections = new List<ImportRejection>();
        var upserts = new List<Person>();
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        int headerCount = rows[0].Fields.Count;

        foreach (CsvRow row in rows.Skip(1))
        {
            if (row.Fields.Count != headerCount)
            {
                rejections.Add(new ImportRejection(row.Line, $"has {row.Fields.Count} fields but the header has {headerCount} (a comma in a value that is not in double quotes?)"));
                continue;
            }

            string? error = TryRead(school, kind, row, columns, idName, out Person? person);
            if (person is not null && seen.TryGetValue(person.PersonId, out int firstLine))
            {
                error ??= $"{idName} {person.PersonId} appears again (first on line {firstLine})";
                rejections.Add(new ImportRejection(row.Line, error));
                continue;
            }

            if (person is not null)
            {
                seen[person.PersonId] = row.Line;
            }

            Person? held = person is null ? null : existing.GetValueOrDefault(person.PersonId);
            if (error is null && held is not null && held.Kind != kind)
            {
                error = $"{person!.PersonId} is already used by a {(held.Kind == PersonKind.Staff ? "member of staff" : "pupil")}";
            }

            if (error is not null)
            {
                rejections.Add(new ImportRejection(row.Line, error));
                continue;
            }

            if (held is null)
            {
                added++;
                upserts.Add(person!);
                continue;
            }

            if (held == person)
            {
                unchanged++;
            }
            else
            {
                updated++;
                upserts.Add(person!);
            }
        }

        var deactivate = new List<string>();
        if (full)
        {
            if (added + updated + unchanged == 0)
            {
                throw new ImportFormatException("a full import with no valid rows would make everyone inactive; nothing was changed");
            }

            deactivate.AddRange(existing.Values.Where(p => p.Kind == kind && p.Active && !seen.ContainsKey(p.PersonId)).Select(p => p.PersonId));
        }

        if (upserts.Count > 0 || deactivate.Count > 0)
        {
            await store.SaveImportAsync(school, upserts, deactivate, cancellationToken);
        }

        return new ImportReport(
            kind,
            added,
            updated,
            unchanged,
            rejections.Count,
            deactivate.Count,
            columns.ToDictionary(c => c.Key, c => c.Value.Header, StringComparer.Ordinal),
            rejections);
    }

    /// <summary>
    /// Reads yes/no as spreadsheets write it.
    /// </summary>
    /// <param name="text">The value.</param>
    /// <param name="value">true for yes, y, true, 1 or x; false for no, n, false, 0 or empty.</param>
    /// <returns>true when the text was one of those.</returns>
    public static bool TryParseYesNo(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "yes" or "y" or "true" or "1" or "x":
                value = true;
                return true;
            case "no" or "n" or "false" or "0" or "":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <summary>
    /// Tells whether a person identifier is acceptable: 1 to 32 letters, digits, '-', '_' or '.'.
    /// </summary>
    /// <param name="id">The identifier.</param>
    /// <returns>true when valid.</returns>
    public static bool IsValidPersonId(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static string? TryRead(string school, string kind, CsvRow row, Dictionary<string, (int Index, string Header)> columns, string idName, out Person? person)
    {
        person = null;
        string Field(string column) => columns.TryGetValue(column, out (int Index, string Header) c) ? row.Fields[c.Index].Trim() : string.Empty;

        string id = Field(ImportColumns.Id);
        if (id.Length == 0)
        {
            return $"no {idName}";
        }

        if (!IsValidPersonId(id))
        {
            return $"{idName} \"{Shorten(id)}\" must be 1 to {MaxIdLength} letters, digits, '-', '_' or '.'";
        }

        string name = string.Join(' ', new[] { Field(ImportColumns.FirstName), Field(ImportColumns.LastName) }.Where(n => n.Length > 0));
        if (name.Length == 0)
        {
            name = Field(ImportColumns.FullName);
        }

        var candidate = new Person(school, id, kind, name);
        if (name.Length == 0)
        {
            person = candidate;
            return "no name";
        }

        if (name.Length > MaxTextLength)
        {
            person = candidate;
            return $"name is longer than {MaxTextLength} characters";
        }

        if (kind == PersonKind.Staff)
        {
            string role = Field(ImportColumns.Role).ToLowerInvariant();
            bool office = s_officeWords.Any(role.Contains);
            bool slt = s_sltWords.Any(role.Contains);
            if (columns.ContainsKey(ImportColumns.Office) && !TryParseYesNo(Field(ImportColumns.Office), out office))
            {
                person = candidate;
                return $"{columns[ImportColumns.Office].Header} must be yes or no";
            }

            if (columns.ContainsKey(ImportColumns.Slt) && !TryParseYesNo(Field(ImportColumns.Slt), out slt))
            {
                person = candidate;
                return $"{columns[ImportColumns.Slt].Header} must be yes or no";
            }

            person = candidate with { Department = Limit(Field(ImportColumns.Department), MaxTextLength), Office = office, Slt = slt };
        }
        else
        {
            person = candidate with { Year = Limit(Field(ImportColumns.Year), 16), Group = Limit(Field(ImportColumns.Group), 32) };
        }

        return null;
    }

    private static string? Limit(string text, int length) => text.Length == 0 ? null : text.Length <= length ? text : text[..length];

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
