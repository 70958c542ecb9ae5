namespace PhoneSafe.Gateway.Actions;

/// <summary>
/// What became of a write action that a page and the API both call: done (with its result), or refused with an HTTP
/// status and the problems field by field, which the API answers as a validation problem and a page shows as text.
/// </summary>
/// <typeparam name="T">The result of the action.</typeparam>
public sealed record ActionOutcome<T>
{
    /// <summary>
    /// Initializes a new instance of the <see cref="ActionOutcome{T}"/> class.
    /// </summary>
    /// <param name="value">The result, or default when refused.</param>
    /// <param name="errors">The problems by field, or null when done.</param>
    /// <param name="status">The HTTP status of a refusal: 400 (the default), 404 or 409.</param>
    public ActionOutcome(T? value, IDictionary<string, string[]>? errors = null, int status = StatusCodes.Status400BadRequest)
    {
        Value = value;
        Errors = errors ?? new Dictionary<string, string[]>();
        Status = errors is null ? StatusCodes.Status200OK : status;
    }

    /// <summary>Gets the result, or default when refused.</summary>
    public T? Value { get; }

    /// <summary>Gets the problems by field; empty when done.</summary>
    public IDictionary<string, string[]> Errors { get; }

    /// <summary>Gets 200 when done; 400, 404 or 409 when refused.</summary>
    public int Status { get; }

    /// <summary>Gets a value indicating whether the action was done.</summary>
    public bool Done => Status == StatusCodes.Status200OK;

    /// <summary>
    /// Gets the problems as one sentence for the person at the screen: a message written as a sentence stands alone,
    /// a short one is prefixed with its field.
    /// </summary>
    public string Problem => string.Join(
        " ",
        Errors.SelectMany(e => e.Value.Select(m => m.Length > 0 && char.IsUpper(m[0]) ? m : $"{e.Key}: {m}.")));

    /// <summary>
    /// A done action.
    /// </summary>
    /// <param name="value">Its result.</param>
    /// <returns>The outcome.</returns>
    public static ActionOutcome<T> Ok(T value) => new(value);

    /// <summary>
    /// A refused action.
    /// </summary>
    /// <param name="status">400, 404 or 409.</param>
    /// <param name="errors">Problems by field.</param>
    /// <returns>The outcome.</returns>
    public static ActionOutcome<T> Refused(int status, IDictionary<string, string[]> errors) => new(default, errors, status);

    /// <summary>
    /// A refusal with one problem (400).
    /// </summary>
    /// <param name="field">The field concerned.</param>
    /// <param name="message">What is wrong, as a sentence.</param>
    /// <returns>The outcome.</returns>
    public static ActionOutcome<T> Invalid(string field, string message) => new(default, new Dictionary<string, string[]> { [field] = [message] });
}
