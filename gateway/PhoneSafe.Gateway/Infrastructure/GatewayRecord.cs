using System.Globalization;
using System.Text;
using System.Text.Json;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Infrastructure;

/// <summary>
/// The payload of a ledger entry recorded by a person at the gateway rather than sent by a locker (today only
/// <see cref="ReconciledType"/>). It is plain JSON with <c>"m":"gateway-record"</c> and no <c>"mac"</c>: no locker
/// signed it, so it can never pass for a locker's event. Its row has boot 0 and a negative sequence number of its own
/// per locker (-1, -2, …), outside the locker's sequence space, so acknowledgements are untouched; like every row it
/// is in the school's hash chain.
/// </summary>
public static class GatewayRecord
{
    /// <summary>The <c>"m"</c> of a gateway-recorded entry.</summary>
    public const string Kind = "gateway-record";

    /// <summary>The event type of a phone recorded as taken out without the locker.</summary>
    public const string ReconciledType = "reconciled";

    /// <summary>
    /// Writes a reconciliation's payload.
    /// </summary>
    /// <param name="entry">The reconciliation.</param>
    /// <returns>UTF-8 JSON text.</returns>
    public static string Encode(Reconciliation entry)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", 1);
            json.WriteString("m", Kind);
            json.WriteString("dev", entry.Locker);
            json.WriteString("type", ReconciledType);
            json.WriteNumber("cmp", entry.Compartment);
            json.WriteString("cred", entry.Credential);
            json.WriteString("subj", entry.Subject);
            json.WriteNumber("closes", entry.ClosesSequence);
            json.WriteString("when", Time(entry.TakenOutUtc));
            json.WriteString("who", entry.TakenOutBy);
            json.WriteString("why", entry.Reason);
            json.WriteString("by", entry.RecordedBy);
            json.WriteString("at", Time(entry.RecordedUtc));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Reads a reconciliation back from a stored row's payload.
    /// </summary>
    /// <param name="payload">The payload.</param>
    /// <param name="chainIndex">The row's chain index.</param>
    /// <returns>The reconciliation, or null when the payload is not one.</returns>
    public static Reconciliation? Decode(string payload, long chainIndex)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            JsonElement e = document.RootElement;
            if (e.GetProperty("m").GetString() != Kind || e.GetProperty("type").GetString() != ReconciledType)
            {
                return null;
            }

            return new Reconciliation(
                e.GetProperty("dev").GetString()!, e.GetProperty("cmp").GetInt32(), e.GetProperty("cred").GetString()!, e.GetProperty("subj").GetString()!,
                e.GetProperty("closes").GetInt64(), Parse(e.GetProperty("when")), e.GetProperty("who").GetString()!, e.GetProperty("why").GetString()!,
                e.GetProperty("by").GetString()!, Parse(e.GetProperty("at")), chainIndex);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Checks a gateway-recorded row: its payload is a well-formed gateway record whose facts are the row's columns.
    /// </summary>
    /// <param name="row">The row.</param>
    /// <returns>null when it holds, otherwise why not.</returns>
    public static string? Check(LedgerRow row)
    {
        Reconciliation? entry = Decode(row.Payload, row.ChainIndex);
        bool same = entry is not null && row.Boot == 0 && row.Type == ReconciledType && entry.Locker == row.Locker && entry.Compartment == row.Compartment
            && entry.Credential == row.Credential && entry.Subject == row.Subject;
        return same ? null : "a gateway-recorded row whose columns differ from its record: the row was changed";
    }

    private static string Time(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(JsonElement value) =>
        DateTimeOffset.ParseExact(value.GetString()!, "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
