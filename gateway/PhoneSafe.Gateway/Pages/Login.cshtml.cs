using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// Sign-in with a local account. Rate-limited per client address; accounts lock after repeated failures.
/// </summary>
/// <param name="accounts">Checks passwords.</param>
/// <param name="users">Audit log.</param>
/// <param name="singleSignOn">Single sign-on settings.</param>
/// <param name="time">The clock (the session's start).</param>
[AllowAnonymous]
[EnableRateLimiting(Extensions.Extensions.SignInRateLimit)]
public sealed class LoginModel(AccountService accounts, UserStore users, Microsoft.Extensions.Options.IOptions<Options.SingleSignOnOptions> singleSignOn, TimeProvider time) : PageModel
{
    /// <summary>Gets the single sign-on settings (the page offers it when enabled).</summary>
    public Options.SingleSignOnOptions SingleSignOn => singleSignOn.Value;

    /// <summary>Gets or sets the user name typed in.</summary>
    [BindProperty]
    [Required]
    [Display(Name = "User name")]
    public string UserName { get; set; } = string.Empty;

    /// <summary>Gets or sets the password typed in.</summary>
    [BindProperty]
    [Required]
    [DataType(DataType.Password)]
    public string Password { get; set; } = string.Empty;

    /// <summary>Gets or sets where to go after signing in (local paths only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Gets the message shown after a failed attempt.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Starts single sign-on with the school's identity provider.</summary>
    /// <returns>A challenge, or 404 when single sign-on is off.</returns>
    public IActionResult OnGetSso() => SingleSignOn.Enabled
        ? Challenge(new AuthenticationProperties { RedirectUri = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/" }, Security.SingleSignOn.Scheme)
        : NotFound();

    /// <summary>Checks the password and signs in.</summary>
    /// <returns>A redirect on success, otherwise the form with a message.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Error = "Enter your user name and password.";
            return Page();
        }

        (SignInOutcome outcome, Model.StoredAccount? account) = await accounts.CheckPasswordAsync(UserName, Password, HttpContext.RequestAborted);
        if (outcome != SignInOutcome.Success || account is null)
        {
            await users.AuditAsync(UserName.Trim().ToLowerInvariant(), outcome == SignInOutcome.LockedOut ? "sign-in:locked" : "sign-in:failed", string.Empty, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "-", HttpContext.RequestAborted);
            Error = outcome == SignInOutcome.LockedOut
                ? $"Too many failed attempts: this account is locked for {AccountService.LockoutDuration.TotalMinutes:0} minutes."
                : "User name or password is not right.";
            return Page();
        }

        await HttpContext.SignInAsync(AccountService.ToPrincipal(account, time.GetUtcNow()));
        await users.AuditAsync(account.User.UserName, "sign-in", AuditExtensions.ScopedDetail(account.User.School, string.Empty), HttpContext.Connection.RemoteIpAddress?.ToString() ?? "-", HttpContext.RequestAborted);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
