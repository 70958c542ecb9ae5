using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Import;

namespace PhoneSafe.Gateway.Apis;

/// <summary>
/// Collects the problems of one request, field by field, for a 400 ValidationProblem answer.
/// </summary>
internal sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out List<string>? list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Gets the problems as one line, for messages on pages and in the audit log.</summary>
    public string Summary => string.Join(" ", _errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}."));

    /// <summary>A 400 answer naming one field.</summary>
    /// <param name="field">The field.</param>
    /// <param name="message">What is wrong with it.</param>
    /// <returns>The ValidationProblem.</returns>
    public static ValidationProblem Problem(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The 400 answer with every problem found.</summary>
    /// <returns>The ValidationProblem.</returns>
    public ValidationProblem Problem() => TypedResults.ValidationProblem(Errors);

    public Validation School(string school) => Check("school", Identifiers.IsValid(school), IdentifierRule);

    public Validation Locker(string? locker) => Check("locker", Identifiers.IsValid(locker!), IdentifierRule);

    public Validation PersonId(string? personId) =>
        Check("personId", PeopleImporter.IsValidPersonId(personId), $"must be 1 to {PeopleImporter.MaxIdLength} letters, digits, '-', '_' or '.'");

    public Validation Credential(string credential) =>
        Check("credential", Hex.IsLowerHex(credential, CredentialHash.Length), $"must be {CredentialHash.Length} lower-case hex characters");

    public string Required(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required");
            return string.Empty;
        }

        if (value.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters");
        }

        return value.Trim();
    }

    public DateOnly Date(string field, string? value)
    {
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
        {
            return date;
        }

        Add(field, $"'{value}' is not a date such as 2026-09-03");
        return default;
    }

    public (DateOnly From, DateOnly To) DateRange(string fromField, string? from, string toField, string? to)
    {
        DateOnly start = Date(fromField, from);
        DateOnly end = to is null ? start : Date(toField, to);
        if (end < start)
        {
            Add(toField, "must not be before " + fromField);
        }

        return (start, end);
    }

    public TimeOnly Time(string field, string? value)
    {
        if (TimeOnly.TryParseExact(value, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly time))
        {
            return time;
        }

        Add(field, $"'{value}' is not a time such as 08:45");
        return default;
    }

    public void OneOf(string field, string? value, IReadOnlyList<string> allowed)
    {
        if (value is null || !allowed.Contains(value))
        {
            Add(field, $"'{value}' is not one of: {string.Join(", ", allowed)}");
        }
    }

    private const string IdentifierRule = "must be 1 to 32 characters of a-z, 0-9 and '-'";

    private Validation Check(string field, bool valid, string message)
    {
        if (!valid)
        {
            Add(field, message);
        }

        return this;
    }
}
