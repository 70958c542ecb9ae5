namespace PhoneSafe.Gateway.Options;

/// <summary>
/// Optional OpenID Connect single sign-on (appsettings section "SingleSignOnOptions"), off by default.
/// A verified e-mail address from the school's own tenant or domain signs in to the existing PhoneSafe account whose
/// user name is that address; accounts are never created from a sign-in.
/// </summary>
public sealed class SingleSignOnOptions
{
    /// <summary>Gets or sets a value indicating whether single sign-on is offered on the sign-in page.</summary>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets the button text, for example "Microsoft 365" or "Google Workspace".</summary>
    public string DisplayName { get; set; } = "school account";

    /// <summary>Gets or sets the issuer, e.g. https://login.microsoftonline.com/&lt;tenant-id&gt;/v2.0 or https://accounts.google.com.</summary>
    public string? Authority { get; set; }

    /// <summary>Gets or sets the client (application) id registered with the identity provider.</summary>
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the client secret (keep it in an environment variable, not in appsettings.json).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Gets or sets the Microsoft Entra tenant id whose users may sign in (the token's "tid" claim must match).</summary>
    public string? AllowedTenantId { get; set; }

    /// <summary>Gets or sets the e-mail domain whose users may sign in (Google Workspace "hd" claim, and the address's domain).</summary>
    public string? AllowedDomain { get; set; }
}
