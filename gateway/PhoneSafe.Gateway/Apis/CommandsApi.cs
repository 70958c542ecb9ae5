using Microsoft.AspNetCore.Http.HttpResults;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Apis;

/// <summary>
/// Remote commands to lockers (unlock, clear a fault, identify, enrolment mode, office intake and release) and their
/// delivery state. Every command sent, and every one the gateway refuses to send, is audited.
/// </summary>
public static class CommandsApi
{
    /// <summary>How many commands a locker's list shows.</summary>
    public const int RecentCommands = 50;

    /// <summary>
    /// Maps /api/schools/{school}/lockers/{locker}/commands and /api/schools/{school}/commands/{id}.
    /// </summary>
    /// <param name="app">The route builder.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapCommandsApi(this IEndpointRouteBuilder app)
    {
        // SLT, Office and Admin reach the group; which command each role may send is checked per command (LockerCommands.MayIssue).
        RouteGroupBuilder api = app.MapGroup("/api/schools/{school}").WithTags("Commands").AddEndpointFilter<SchoolScopeFilter>().RequireAuthorization(Policies.Custody);
        api.MapPost("/lockers/{locker}/commands", SendCommandAsync).WithName("SendCommand")
            .WithSummary("Sends a signed command to a locker; 202 with the command in state sent, settled later by the locker's result or its expiry.");
        api.MapGet("/lockers/{locker}/commands", ListCommandsAsync).WithName("ListCommands").WithSummary("A locker's recent commands, newest first, with their state.");
        api.MapGet("/commands/{id}", GetCommandAsync).WithName("GetCommand").WithSummary("One command and its state: sent, executed, refused (with the locker's reason) or expired.");
        return api;
    }

    /// <summary>Sends a command.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="body">The command.</param>
    /// <param name="commands">Sends it.</param>
    /// <param name="users">Audit log.</param>
    /// <param name="http">The request (user and audit).</param>
    /// <returns>202 with the command; 400, 403, 404, 409 or 503 with the reason.</returns>
    public static async Task<Results<Accepted<LockerCommandRecord>, ProblemHttpResult>> SendCommandAsync(
        string school, string locker, SendCommandRequest body, LockerCommands commands, UserStore users, HttpContext http)
    {
        CommandOutcome outcome = new Validation().School(school).Locker(locker) is { IsValid: false } invalid
            ? CommandOutcome.Refused(StatusCodes.Status400BadRequest, invalid.Summary)
            : await commands.SendAsync(school, locker, body, http.User, http.RequestAborted);
        string detail = $"locker={locker}; command={body.Command}; compartment={outcome.Sent?.Compartment ?? body.Compartment ?? 0}; person={body.PersonId}; reason={body.Reason}";
        if (outcome.Sent is not { } sent)
        {
            await http.AuditAsync(users, "locker:command-refused", $"{detail}; why={outcome.Problem}");
            return TypedResults.Problem(outcome.Problem, statusCode: outcome.Status);
        }

        await http.AuditAsync(users, "locker:command", $"{detail}; id={sent.Id}");
        return TypedResults.Accepted($"/api/schools/{school}/commands/{sent.Id}", sent);
    }

    /// <summary>Lists a locker's recent commands.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <param name="store">Commands.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>Newest first.</returns>
    public static async Task<Results<Ok<IReadOnlyList<LockerCommandRecord>>, ValidationProblem>> ListCommandsAsync(
        string school, string locker, LockerCommandStore store, CancellationToken cancellationToken)
    {
        if (new Validation().School(school).Locker(locker) is { IsValid: false } invalid)
        {
            return invalid.Problem();
        }

        return TypedResults.Ok(await store.ListRecentAsync(school, locker, RecentCommands, cancellationToken));
    }

    /// <summary>Gets one command.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="id">Command identifier.</param>
    /// <param name="store">Commands.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>The command, or 404.</returns>
    public static async Task<Results<Ok<LockerCommandRecord>, NotFound<string>>> GetCommandAsync(
        string school, string id, LockerCommandStore store, CancellationToken cancellationToken)
    {
        LockerCommandRecord? command = await store.FindAsync(school, id, cancellationToken);
        return command is null ? TypedResults.NotFound($"no command {id}") : TypedResults.Ok(command);
    }
}
