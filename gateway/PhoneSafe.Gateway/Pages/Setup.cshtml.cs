using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// First run: the one-time link printed by the gateway creates the administrator account.
/// </summary>
/// <param name="setup">The one-time token.</param>
/// <param name="accounts">Creates the account.</param>
/// <param name="users">Audit log.</param>
/// <param name="time">The clock (the session's start).</param>
[AllowAnonymous]
[EnableRateLimiting(Extensions.Extensions.SignInRateLimit)]
public sealed class SetupModel(FirstRunSetup setup, AccountService accounts, UserStore users, TimeProvider time) : PageModel
{
    /// <summary>Gets or sets the token from the link.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    /// <summary>Gets or sets the school identifier.</summary>
    [BindProperty]
    [Required]
    public string School { get; set; } = string.Empty;

    /// <summary>Gets or sets the administrator's user name.</summary>
    [BindProperty]
    [Required]
    [Display(Name = "User name")]
    public string UserName { get; set; } = string.Empty;

    /// <summary>Gets or sets the administrator's name as shown.</summary>
    [BindProperty]
    [Required]
    [Display(Name = "Your name")]
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Gets or sets the password.</summary>
    [BindProperty]
    [Required]
    [DataType(DataType.Password)]
    public string Password { get; set; } = string.Empty;

    /// <summary>Gets or sets the password again.</summary>
    [BindProperty]
    [Required]
    [DataType(DataType.Password)]
    [Display(Name = "Password again")]
    public string Confirm { get; set; } = string.Empty;

    /// <summary>Gets the message shown when something is wrong.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the form when the link is valid.</summary>
    /// <returns>The form, or 404 for an invalid or used link.</returns>
    public IActionResult OnGet() => setup.IsValid(Token) ? Page() : NotFound();

    /// <summary>Creates the administrator and signs them in.</summary>
    /// <returns>A redirect, the form with a message, or 404.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid || Password != Confirm)
        {
            Error = Password != Confirm ? "The two passwords differ." : "Fill in every field.";
            return setup.IsValid(Token) ? Page() : NotFound();
        }

        // One request at a time holds the token: a second post while this one runs finds the link gone.
        if (!setup.TryTake(Token))
        {
            return NotFound();
        }

        var admin = new GatewayUser(0, UserName, DisplayName, UserRoles.Admin, School.Trim(), null);
        Error = await accounts.CreateFirstAdministratorAsync(admin, Password, HttpContext.RequestAborted);
        if (Error is not null)
        {
            setup.Return(Token!);
            return Page();
        }

        (_, StoredAccount? created) = await accounts.CheckPasswordAsync(UserName, Password, HttpContext.RequestAborted);
        await HttpContext.SignInAsync(AccountService.ToPrincipal(created!, time.GetUtcNow()));
        await users.AuditAsync(created!.User.UserName, "setup:administrator-created", $"school={created.User.School}", HttpContext.Connection.RemoteIpAddress?.ToString() ?? "-", HttpContext.RequestAborted);
        return Redirect("/");
    }
}
