using System.Text;
using PhoneSafe.Gateway.Apis;
using PhoneSafe.Gateway.Import;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Publishing;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// Imports staff or pupils from a CSV export of the school's MIS, the one way the People page and the API do it:
/// checks the size, reads the file as UTF-8 or Windows-1252, imports it (all or nothing), audits the counts and
/// republishes the school's locker configurations.
/// </summary>
/// <param name="importer">Reads and stores the rows.</param>
/// <param name="publisher">Republishes configurations.</param>
/// <param name="users">Audit log.</param>
public sealed class PeopleImports(PeopleImporter importer, LockerConfigPublisher publisher, UserStore users)
{
    /// <summary>Largest CSV accepted, in bytes (a 2,000-pupil export is about 200 KB).</summary>
    public const int MaxCsvBytes = 10 * 1024 * 1024;

    private static readonly Encoding s_strictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Imports one file.
    /// </summary>
    /// <param name="http">The request (who, for the audit line).</param>
    /// <param name="school">School identifier.</param>
    /// <param name="kind"><see cref="PersonKind.Staff"/> or <see cref="PersonKind.Pupil"/>.</param>
    /// <param name="file">The file; read up to one byte past <see cref="MaxCsvBytes"/>.</param>
    /// <param name="full">true when the file lists everyone of this kind: people not in it become inactive.</param>
    /// <returns>The report; invalid (too large, not CSV, a required column missing) with nothing changed.</returns>
    public async Task<Outcome<ImportReport>> ImportAsync(HttpContext http, string school, string kind, Stream file, bool full)
    {
        if (new Validation().School(school) is { IsValid: false } invalid)
        {
            return Outcome<ImportReport>.Invalid(invalid);
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxCsvBytes)
            {
                return TooLarge();
            }
        }

        try
        {
            ImportReport report = await importer.ImportAsync(school, kind, Decode(buffer.ToArray()), full, http.RequestAborted);
            publisher.RequestPublish(school);
            await http.AuditAsync(users, "people:import", $"kind={kind}; full={full}; added={report.Added}; updated={report.Updated}; rejected={report.Rejected}; deactivated={report.Deactivated}");
            return Outcome<ImportReport>.Ok(report);
        }
        catch (FormatException ex) when (ex is CsvFormatException or ImportFormatException)
        {
            return Outcome<ImportReport>.Invalid("file", ex.Message);
        }
    }

    /// <summary>The answer for a file over <see cref="MaxCsvBytes"/>.</summary>
    /// <returns>Invalid, naming the limit.</returns>
    public static Outcome<ImportReport> TooLarge() => Outcome<ImportReport>.Invalid("file", $"is larger than {MaxCsvBytes / 1024 / 1024} MB");

    /// <summary>
    /// Decodes a CSV file: UTF-8 (with or without a byte-order mark, as current exports write), or Windows-1252
    /// when the bytes are not valid UTF-8 (older "ANSI" exports).
    /// </summary>
    /// <param name="bytes">The file.</param>
    /// <returns>The text; a byte-order mark, if any, is left for the parser.</returns>
    internal static string Decode(byte[] bytes)
    {
        try
        {
            return s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(1252).GetString(bytes);
        }
    }
}
