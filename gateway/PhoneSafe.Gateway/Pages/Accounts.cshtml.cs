using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// Accounts (Admin only, own school): list, create, change role, reset password, disable, enable, delete. Every
/// change ends the account's sessions and is audited; the school always keeps an enabled administrator.
/// </summary>
/// <param name="accounts">Account rules.</param>
/// <param name="users">Account list and audit log.</param>
[Authorize(Policy = Policies.Administration)]
public sealed class AccountsModel(AccountService accounts, UserStore users) : PageModel
{
    /// <summary>Gets the accounts.</summary>
    public IReadOnlyList<GatewayUser> Accounts { get; private set; } = [];

    /// <summary>Gets or sets the new account's user name.</summary>
    [BindProperty]
    [Required]
    [Display(Name = "User name")]
    public string UserName { get; set; } = string.Empty;

    /// <summary>Gets or sets the new account's name as shown.</summary>
    [BindProperty]
    [Required]
    [Display(Name = "Name")]
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Gets or sets the new account's role.</summary>
    [BindProperty]
    [Required]
    public string Role { get; set; } = UserRoles.Staff;

    /// <summary>Gets or sets the staff code the account may see (Staff role).</summary>
    [BindProperty]
    [Display(Name = "Staff code (Staff accounts)")]
    public string? PersonId { get; set; }

    /// <summary>Gets or sets the initial or new password.</summary>
    [BindProperty]
    [Required]
    [DataType(DataType.Password)]
    [Display(Name = "Initial password")]
    public string Password { get; set; } = string.Empty;

    /// <summary>Gets the outcome message.</summary>
    public string? Message { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="Message"/> reports an error.</summary>
    public bool IsError { get; private set; }

    private string School => User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;

    /// <summary>Shows the accounts.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        Accounts = await users.ListAsync(School, HttpContext.RequestAborted);
        await HttpContext.AuditAsync(users, "view:accounts", $"school={School}");
        return Page();
    }

    /// <summary>Creates an account in the administrator's school.</summary>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        string? error = ModelState.IsValid
            ? await accounts.CreateAsync(new GatewayUser(0, UserName, DisplayName, Role, School, string.IsNullOrWhiteSpace(PersonId) ? null : PersonId.Trim()), Password, HttpContext.RequestAborted)
            : "Fill in every field.";
        string userName = UserName.Trim().ToLowerInvariant();
        if (error is null)
        {
            await HttpContext.AuditAsync(users, "account:created", $"school={School}; user={userName}; role={Role}");
        }

        return await ShowAsync(error, $"Account '{userName}' created.");
    }

    /// <summary>Changes an account's role (the Role and PersonId fields of its row).</summary>
    /// <param name="id">The account.</param>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostRoleAsync(long id) =>
        await ChangedAsync(await accounts.ChangeRoleAsync(id, School, Role, PersonId, HttpContext.RequestAborted), "account:role-changed", id, $"Role changed to {Role}; the account must sign in again.", $"; role={Role}");

    /// <summary>Sets a new password for an account and unlocks it.</summary>
    /// <param name="id">The account.</param>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostPasswordAsync(long id) =>
        await ChangedAsync(await accounts.ResetPasswordAsync(id, School, Password, HttpContext.RequestAborted), "account:password-reset", id, "Password set; the account must sign in again.");

    /// <summary>Disables an account (a leaver).</summary>
    /// <param name="id">The account.</param>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostDisableAsync(long id) =>
        await ChangedAsync(await accounts.SetDisabledAsync(id, School, true, HttpContext.RequestAborted), "account:disabled", id, "Account disabled; its sessions have ended.");

    /// <summary>Enables a disabled account.</summary>
    /// <param name="id">The account.</param>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostEnableAsync(long id) =>
        await ChangedAsync(await accounts.SetDisabledAsync(id, School, false, HttpContext.RequestAborted), "account:enabled", id, "Account enabled.");

    /// <summary>Deletes an account.</summary>
    /// <param name="id">The account.</param>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostDeleteAsync(long id) =>
        await ChangedAsync(await accounts.DeleteAsync(id, School, HttpContext.RequestAborted), "account:deleted", id, "Account deleted; the audit log keeps its name.");

    private async Task<IActionResult> ChangedAsync((AccountChange Outcome, string? Error) result, string action, long id, string done, string extra = "")
    {
        if (result.Outcome is AccountChange.Done or AccountChange.LastAdministrator)
        {
            await HttpContext.AuditAsync(users, result.Outcome == AccountChange.Done ? action : action + ":refused", $"school={School}; id={id}{extra}");
        }

        return await ShowAsync(result.Error, done);
    }

    private async Task<IActionResult> ShowAsync(string? error, string done)
    {
        IsError = error is not null;
        Message = error ?? done;
        Accounts = await users.ListAsync(School, HttpContext.RequestAborted);
        return Page();
    }
}
