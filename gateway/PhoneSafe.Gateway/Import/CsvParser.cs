using System.Text;

namespace PhoneSafe.Gateway.Import;

/// <summary>
/// Reads CSV as spreadsheet and MIS exports write it (RFC 4180 with the usual liberties): fields in double quotes
/// may hold commas, quotes (doubled) and line breaks; lines end in CRLF, LF or CR; a leading byte-order mark is
/// ignored; blank lines are skipped. The separator is a comma, unless the first line has none but has semicolons
/// or tabs (spreadsheets in some locales).
/// </summary>
public static class CsvParser
{
    /// <summary>
    /// Splits CSV text into records.
    /// </summary>
    /// <param name="text">The whole file.</param>
    /// <returns>The records, first (the header) included, each with the line it starts on.</returns>
    /// <exception cref="CsvFormatException">A quoted field is never closed.</exception>
    public static IReadOnlyList<CsvRow> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        char separator = DetectSeparator(text, start);
        var rows = new List<CsvRow>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1;
        int rowLine = 1;
        bool quoted = false;
        bool fieldStarted = false;
        int quoteLine = 0;

        for (int i = start; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
                    {
                        line++;
                    }

                    field.Append(c);
                }
            }
            else if (c == '"' && !fieldStarted)
            {
                quoted = true;
                fieldStarted = true;
                quoteLine = line;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldStarted = false;
            }
            else if (c == '\r' || c == '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                EndRow(rows, fields, field, rowLine);
                fieldStarted = false;
                line++;
                rowLine = line;
            }
            else
            {
                field.Append(c);
                fieldStarted = true;
            }
        }

        if (quoted)
        {
            throw new CsvFormatException($"line {quoteLine}: a quoted field is not closed");
        }

        EndRow(rows, fields, field, rowLine);
        return rows;
    }

    private static void EndRow(List<CsvRow> rows, List<string> fields, StringBuilder field, int line)
    {
        fields.Add(field.ToString());
        field.Clear();
        if (fields.Count > 1 || fields[0].Length > 0)
        {
            rows.Add(new CsvRow(line, fields.ToArray()));
        }

        fields.Clear();
    }

    private static char DetectSeparator(string text, int start)
    {
        int end = text.IndexOfAny(['\r', '\n'], start);
        ReadOnlySpan<char> header = text.AsSpan(start, (end < 0 ? text.Length : end) - start);
        if (header.Contains(','))
        {
            return ',';
        }

        if (header.Contains(';'))
        {
            return ';';
        }

        return header.Contains('\t') ? '\t' : ',';
    }
}
