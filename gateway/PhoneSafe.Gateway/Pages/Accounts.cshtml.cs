using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// Accounts: list and create (Admin only).
/// </summary>
/// <param name="accounts">Creates accounts.</param>
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

    /// <summary>Gets or sets the initial password.</summary>
    [BindProperty]
    [Required]
    [DataType(DataType.Password)]
    [Display(Name = "Initial password")]
    public string Password { get; set; } = string.Empty;

    /// <summary>Gets the outcome message.</summary>
    public string? Message { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="Message"/> reports an error.</summary>
    public bool IsError { get; private set; }

    /// <summary>Shows the accounts.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        Accounts = await users.ListAsync(HttpContext.RequestAborted);
        await HttpContext.AuditAsync(users, "view:accounts");
        return Page();
    }

    /// <summary>Creates an account in the administrator's school.</summary>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        string school = User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;
        string? error = ModelState.IsValid
            ? await accounts.CreateAsync(new GatewayUser(0, UserName, DisplayName, Role, school, string.IsNullOrWhiteSpace(PersonId) ? null : PersonId.Trim()), Password, HttpContext.RequestAborted)
            : "Fill in every field.";
        IsError = error is not null;
        Message = error ?? $"Account '{UserName.Trim().ToLowerInvariant()}' created.";
        if (error is null)
        {
            await HttpContext.AuditAsync(users, "account:created", $"user={UserName.Trim().ToLowerInvariant()}; role={Role}");
        }

        Accounts = await users.ListAsync(HttpContext.RequestAborted);
        return Page();
    }
}
