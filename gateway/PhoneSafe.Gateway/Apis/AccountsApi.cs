using Microsoft.AspNetCore.Http.HttpResults;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Apis;

/// <summary>
/// Account lifecycle for the IT technician: create, change role, reset password, disable (a leaver), enable, delete.
/// Every change ends the account's sessions and is audited; the school always keeps an enabled administrator.
/// </summary>
public static class AccountsApi
{
    /// <summary>
    /// Maps /api/schools/{school}/accounts (Admin of that school).
    /// </summary>
    /// <param name="app">The route builder.</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/schools/{school}/accounts").WithTags("Accounts")
            .RequireAuthorization(Policies.Administration).AddEndpointFilter<SchoolScopeFilter>().WithMetadata(AuditedInHandler.Instance);
        api.MapGet("/", ListAccountsAsync).WithName("ListAccounts").WithSummary("The school's accounts (no password hashes); audited.");
        api.MapPost("/", CreateAccountAsync).WithName("CreateAccount").WithSummary("Creates an account; audited.");
        api.MapPut("/{id:long}/role", ChangeRoleAsync).WithName("ChangeAccountRole").WithSummary("Changes an account's role; its sessions end; audited.");
        api.MapPut("/{id:long}/password", ResetPasswordAsync).WithName("ResetAccountPassword").WithSummary("Sets a new password and unlocks the account; its sessions end; audited.");
        api.MapPost("/{id:long}/disable", DisableAsync).WithName("DisableAccount").WithSummary("Disables an account (a leaver); its sessions end; audited.");
        api.MapPost("/{id:long}/enable", EnableAsync).WithName("EnableAccount").WithSummary("Enables a disabled account again; audited.");
        api.MapDelete("/{id:long}", DeleteAsync).WithName("DeleteAccount").WithSummary("Deletes an account; its sessions end; the audit log keeps its name; audited.");
        return app;
    }

    /// <summary>Lists the school's accounts (audited).</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="users">Accounts and audit log.</param>
    /// <param name="http">The request.</param>
    /// <returns>The accounts by user name.</returns>
    public static async Task<Ok<IReadOnlyList<GatewayUser>>> ListAccountsAsync(string school, UserStore users, HttpContext http)
    {
        IReadOnlyList<GatewayUser> accounts = await users.ListAsync(school, http.RequestAborted);
        await http.AuditAsync(users, "view:accounts", $"school={school}");
        return TypedResults.Ok(accounts);
    }

    /// <summary>Creates an account (audited).</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="request">The account.</param>
    /// <param name="accounts">Account rules.</param>
    /// <param name="users">Audit log.</param>
    /// <param name="http">The request.</param>
    /// <returns>201, or 400 with what is wrong.</returns>
    public static async Task<Results<Created, ValidationProblem>> CreateAccountAsync(string school, NewAccountRequest request, AccountService accounts, UserStore users, HttpContext http)
    {
        if (request.UserName is null || request.DisplayName is null || request.Role is null || request.Password is null)
        {
            return Invalid("userName, displayName, role and password are required.");
        }

        string? error = await accounts.CreateAsync(new GatewayUser(0, request.UserName, request.DisplayName, request.Role, school, request.PersonId), request.Password, http.RequestAborted);
        if (error is not null)
        {
            return Invalid(error);
        }

        string userName = request.UserName.Trim().ToLowerInvariant();
        await http.AuditAsync(users, "account:created", $"school={school}; user={userName}; role={request.Role}");
        return TypedResults.Created($"/api/schools/{school}/accounts");
    }

    /// <summary>Changes an account's role (audited).</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="id">The account.</param>
    /// <param name="request">The new role.</param>
    /// <param name="accounts">Account rules.</param>
    /// <param name="users">Audit log.</param>
    /// <param name="http">The request.</param>
    /// <returns>204, 400, 404, or 409 for the last administrator.</returns>
    public static async Task<Results<NoContent, ValidationProblem, NotFound, Conflict<string>>> ChangeRoleAsync(
        string school, long id, AccountRoleRequest request, AccountService accounts, UserStore users, HttpContext http) =>
        await AuditedAsync(await accounts.ChangeRoleAsync(id, school, request.Role ?? string.Empty, request.PersonId, http.RequestAborted), http, users, "account:role-changed", $"school={school}; id={id}; role={request.Role}");

    /// <summary>Sets a new password (audited; the password is not).</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="id">The account.</param>
    /// <param name="request">The new password.</param>
    /// <param name="accounts">Account rules.</param>
    /// <param name="users">Audit log.</param>
    /// <param name="http">The request.</param>
    /// <returns>204, 400 or 404.</returns>
    public static async Task<Results<NoContent, ValidationProblem, NotFound, Conflict<string>>> ResetPasswordAsync(
        string school, long id, PasswordResetRequest request, AccountService accounts, UserStore users, HttpContext http) =>
        await AuditedAsync(await accounts.ResetPasswordAsync(id, school, request.Password ?? string.Empty, http.RequestAborted), http, users, "account:password-reset", $"school={school}; id={id}");

    /// <summary>Disables an account (audited).</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="id">The account.</param>
    /// <param name="accounts">Account rules.</param>
    /// <param name="users">Audit log.</param>
    /// <param name="http">The request.</param>
    /// <returns>204, 404, or 409 for the last administrator.</returns>
    public static async Task<Results<NoContent, ValidationProblem, NotFound, Conflict<string>>> DisableAsync(
        string school, long id, AccountService accounts, UserStore users, HttpContext http) =>
        await AuditedAsync(await accounts.SetDisabledAsync(id, school, true, http.RequestAborted), http, users, "account:disabled", $"school={school}; id={id}");

    /// <summary>Enables an account again (audited).</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="id">The account.</param>
    /// <param name="accounts">Account rules.</param>
    /// <param name="users">Audit log.</param>
    /// <param name="http">The request.</param>
    /// <returns>204 or 404.</returns>
    public static async Task<Results<NoContent, ValidationProblem, NotFound, Conflict<string>>> EnableAsync(
        string school, long id, AccountService accounts, UserStore users, HttpContext http) =>
        await AuditedAsync(await accounts.SetDisabledAsync(id, school, false, http.RequestAborted), http, users, "account:enabled", $"school={school}; id={id}");

    /// <summary>Deletes an account (audited).</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="id">The account.</param>
    /// <param name="accounts">Account rules.</param>
    /// <param name="users">Audit log.</param>
    /// <param name="http">The request.</param>
    /// <returns>204, 404, or 409 for the last administrator.</returns>
    public static async Task<Results<NoContent, ValidationProblem, NotFound, Conflict<string>>> DeleteAsync(
        string school, long id, AccountService accounts, UserStore users, HttpContext http) =>
        await AuditedAsync(await accounts.DeleteAsync(id, school, http.RequestAborted), http, users, "account:deleted", $"school={school}; id={id}");

    private static ValidationProblem Invalid(string error) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["account"] = [error] });

    private static async Task<Results<NoContent, ValidationProblem, NotFound, Conflict<string>>> AuditedAsync(
        (AccountChange Outcome, string? Error) result, HttpContext http, UserStore users, string action, string detail)
    {
        switch (result.Outcome)
        {
            case AccountChange.Done:
                await http.AuditAsync(users, action, detail);
                return TypedResults.NoContent();
            case AccountChange.NotFound:
                return TypedResults.NotFound();
            case AccountChange.Invalid:
                return Invalid(result.Error!);
            default:
                await http.AuditAsync(users, action + ":refused", detail + "; reason=last-administrator");
                return TypedResults.Conflict(result.Error!);
        }
    }
}
