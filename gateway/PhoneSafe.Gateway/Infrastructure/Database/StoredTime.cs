using System.Globalization;

namespace PhoneSafe.Gateway.Infrastructure.Database;

/// <summary>
/// The text forms of instants and dates in every table: ISO 8601 in UTC, so that they sort as text in SQLite and
/// PostgreSQL alike. The one place stores format and parse them.
/// </summary>
public static class StoredTime
{
    /// <summary>
    /// Formats an instant as stored (round-trip ISO 8601, UTC).
    /// </summary>
    /// <param name="value">The instant.</param>
    /// <returns>For example 2026-11-25T08:00:00.0000000+00:00.</returns>
    public static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses a stored instant (any ISO 8601 form; a missing offset means UTC).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The instant.</returns>
    public static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>
    /// Formats a date as stored.
    /// </summary>
    /// <param name="date">The date.</param>
    /// <returns>yyyy-MM-dd.</returns>
    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses a stored date.
    /// </summary>
    /// <param name="text">yyyy-MM-dd.</param>
    /// <returns>The date.</returns>
    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
