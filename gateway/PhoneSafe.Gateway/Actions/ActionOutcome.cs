namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// What became of a write action: its result, or the problems with the request, field by field (shown by a page,
/// returned by the API as a validation problem).
/// </summary>
/// <typeparam name="T">The result type.</typeparam>
/// <param name="Value">The result, or default when refused.</param>
/// <param name="Errors">The problems by field, or null when it succeeded.</param>
public sealed record ActionOutcome<T>(T? Value, IDictionary<string, string[]>? Errors = null)
{
    /// <summary>Gets a value indicating whether the action succeeded.</summary>
    public bool Succeeded => Errors is null;

    /// <summary>Gets the problems as one sentence for the person at the screen.</summary>
    public string Problem => Errors is null
        ? string.Empty
        : string.Join(" ", Errors.SelectMany(e => e.Value.Select(m => m.Length > 0 && char.IsUpper(m[0]) ? m : $"{e.Key} {m}.")));

    /// <summary>
    /// A refusal with one problem.
    /// </summary>
    /// <param name="field">The field concerned.</param>
    /// <param name="message">What is wrong, as a sentence.</param>
    /// <returns>The outcome.</returns>
    public static ActionOutcome<T> Invalid(string field, string message) => new(default, new Dictionary<string, string[]> { [field] = [message] });
}
