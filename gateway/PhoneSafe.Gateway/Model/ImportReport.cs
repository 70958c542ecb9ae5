namespace PhoneSafe.Gateway.Model;

/// <summary>
/// What a CSV import did.
/// </summary>
/// <param name="Kind">The <see cref="PersonKind"/> imported.</param>
/// <param name="Added">People new to the gateway.</param>
/// <param name="Updated">People whose details changed (or who were inactive and are listed again).</param>
/// <param name="Unchanged">People listed with exactly the details already held.</param>
/// <param name="Rejected">Rows not imported; see <paramref name="Rejections"/>.</param>
/// <param name="Deactivated">People of this kind missing from a full import, now inactive (0 unless full).</param>
/// <param name="ColumnsRead">The CSV header of each field read, by field (for example "id" → "Adno").</param>
/// <param name="Rejections">One entry per rejected row.</param>
public sealed record ImportReport(
    string Kind,
    int Added,
    int Updated,
    int Unchanged,
    int Rejected,
    int Deactivated,
    IReadOnlyDictionary<string, string> ColumnsRead,
    IReadOnlyList<ImportRejection> Rejections);
