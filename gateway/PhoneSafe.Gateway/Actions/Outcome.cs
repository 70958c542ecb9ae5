using Microsoft.AspNetCore.Http.HttpResults;
using PhoneSafe.Gateway.Apis;

namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// What a write action did: done (with its result), refused for bad input (field by field), refused because the
/// record does not exist, or refused because the record's state does not allow it. The API turns it into 200/201,
/// 400 (ValidationProblem), 404 or 409; a page into its message.
/// </summary>
/// <typeparam name="T">The action's result.</typeparam>
public sealed class Outcome<T>
{
    private Outcome(T? value, IDictionary<string, string[]>? errors, string? missing, string? conflict)
    {
        Value = value;
        Errors = errors;
        Missing = missing;
        Conflict = conflict;
    }

    /// <summary>Gets the result when the action was done.</summary>
    public T? Value { get; }

    /// <summary>Gets the problems of the input, field by field, when it was refused as invalid.</summary>
    public IDictionary<string, string[]>? Errors { get; }

    /// <summary>Gets what was not found, when that is why it was refused.</summary>
    public string? Missing { get; }

    /// <summary>Gets why the record's state does not allow the action, when that is why it was refused.</summary>
    public string? Conflict { get; }

    /// <summary>Gets a value indicating whether the action was done.</summary>
    public bool Done => Errors is null && Missing is null && Conflict is null;

    /// <summary>Gets why it was refused, as one line for a page; empty when done.</summary>
    public string Problem => Errors is not null
        ? string.Join(" ", Errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}."))
        : Missing ?? Conflict ?? string.Empty;

    /// <summary>The action was done.</summary>
    /// <param name="value">Its result.</param>
    /// <returns>The outcome.</returns>
    public static Outcome<T> Ok(T value) => new(value, null, null, null);

    /// <summary>Bad input.</summary>
    /// <param name="invalid">The problems found.</param>
    /// <returns>The outcome.</returns>
    internal static Outcome<T> Invalid(Validation invalid) => new(default, invalid.Errors, null, null);

    /// <summary>Bad input in one field.</summary>
    /// <param name="field">The field.</param>
    /// <param name="message">What is wrong with it.</param>
    /// <returns>The outcome.</returns>
    public static Outcome<T> Invalid(string field, string message) => new(default, new Dictionary<string, string[]> { [field] = [message] }, null, null);

    /// <summary>The record does not exist.</summary>
    /// <param name="what">What was not found.</param>
    /// <returns>The outcome.</returns>
    public static Outcome<T> NotFound(string what) => new(default, null, what, null);

    /// <summary>The record's state does not allow the action.</summary>
    /// <param name="why">Why not.</param>
    /// <returns>The outcome.</returns>
    public static Outcome<T> Refused(string why) => new(default, null, null, why);

    /// <summary>The 400 answer for bad input.</summary>
    /// <returns>The ValidationProblem.</returns>
    public ValidationProblem ToValidationProblem() => TypedResults.ValidationProblem(Errors ?? new Dictionary<string, string[]>());
}
