namespace PhoneSafe.Gateway.Import;

/// <summary>
/// One record of a CSV file.
/// </summary>
/// <param name="Line">The 1-based line number where the record starts.</param>
/// <param name="Fields">The fields, unquoted.</param>
public sealed record CsvRow(int Line, IReadOnlyList<string> Fields);
