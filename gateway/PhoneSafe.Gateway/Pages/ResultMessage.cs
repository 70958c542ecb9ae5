namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// Turns the result of an API handler called from a page into a message for the person at the screen, so pages and
/// API share one set of rules.
/// </summary>
public static class ResultMessage
{
    /// <summary>
    /// Describes a handler's result.
    /// </summary>
    /// <param name="result">The result.</param>
    /// <param name="success">The message when it succeeded.</param>
    /// <returns>Whether it succeeded, and the message.</returns>
    public static (bool Ok, string Message) Describe(IResult result, string success) =>
        result is IStatusCodeHttpResult { StatusCode: >= 400 }
            ? (false, result switch
            {
                IValueHttpResult { Value: string text } => text,
                Microsoft.AspNetCore.Http.HttpResults.ValidationProblem invalid => string.Join(" ", invalid.ProblemDetails.Errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}.")),
                Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult { ProblemDetails.Detail: { } detail } => detail,
                _ => "That was refused; check the values.",
            })
            : (true, success);

    /// <summary>
    /// Describes an application service's outcome.
    /// </summary>
    /// <typeparam name="T">The action's result.</typeparam>
    /// <param name="outcome">The outcome.</param>
    /// <param name="success">The message when it was done.</param>
    /// <returns>Whether it was done, and the message.</returns>
    public static (bool Ok, string Message) Describe<T>(Actions.Outcome<T> outcome, string success) =>
        outcome.Done ? (true, success) : (false, outcome.Problem);
}
