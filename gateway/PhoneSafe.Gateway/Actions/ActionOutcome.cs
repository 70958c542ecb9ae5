namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// What became of a write action that a page and the API both call: done (with its result), or refused with an HTTP
/// status and the problems field by field, which the API answers as a ValidationProblem and a page shows as text.
/// </summary>
/// <typeparam name="T">The result of the action.</typeparam>
/// <param name="Value">The result, or null when refused.</param>
/// <param name="Status">200 when done; 400, 404 or 409 when refused.</param>
/// <param name="Errors">Problems by field; empty when done.</param>
public sealed record ActionOutcome<T>(T? Value, int Status, IDictionary<string, string[]> Errors)
    where T : class
{
    /// <summary>Gets a value indicating whether the action was done.</summary>
    public bool Done => Value is not null;

    /// <summary>
    /// A done action.
    /// </summary>
    /// <param name="value">Its result.</param>
    /// <returns>The outcome.</returns>
    public static ActionOutcome<T> Ok(T value) => new(value, StatusCodes.Status200OK, new Dictionary<string, string[]>());

    /// <summary>
    /// A refused action.
    /// </summary>
    /// <param name="status">400, 404 or 409.</param>
    /// <param name="errors">Problems by field.</param>
    /// <returns>The outcome.</returns>
    public static ActionOutcome<T> Refused(int status, IDictionary<string, string[]> errors) => new(null, status, errors);

    /// <summary>
    /// Gets the problems as one sentence for a page.
    /// </summary>
    /// <returns>"field: problem; problem. field: …".</returns>
    public string Describe() => string.Join(" ", Errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}."));
}
