using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Provisioning;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// Setup sheets (Admin): issue one-time setup bundles for a batch of new lockers as a printable sheet of QR codes, and
/// see which issued bundles have been used (the locker has reported since) or have expired.
/// </summary>
/// <param name="issuer">Issues the bundles.</param>
/// <param name="bundles">The issued bundles.</param>
/// <param name="time">The clock, to show what has expired.</param>
[Authorize(Policy = Policies.Administration)]
public sealed class SetupSheetsModel(SetupBundleIssuer issuer, SetupBundleStore bundles, TimeProvider time) : PageModel
{
    /// <summary>Gets the bundles issued for this school, newest first.</summary>
    public IReadOnlyList<SetupBundleRecord> Issued { get; private set; } = [];

    /// <summary>Gets the current time.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>Gets or sets the locker identifiers, separated by spaces, commas or lines.</summary>
    [BindProperty]
    public string Lockers { get; set; } = string.Empty;

    /// <summary>Gets or sets the lockers' kind.</summary>
    [BindProperty]
    public string Kind { get; set; } = LockerKind.Classroom;

    /// <summary>Gets or sets the compartments per locker.</summary>
    [BindProperty]
    public int Compartments { get; set; } = 8;

    /// <summary>Gets or sets the school Wi-Fi network name.</summary>
    [BindProperty]
    public string WifiSsid { get; set; } = string.Empty;

    /// <summary>Gets or sets the school Wi-Fi password.</summary>
    [BindProperty]
    public string WifiPassword { get; set; } = string.Empty;

    /// <summary>Gets or sets the broker host as the lockers reach it.</summary>
    [BindProperty]
    public string BrokerHost { get; set; } = string.Empty;

    /// <summary>Gets or sets the broker's TLS port.</summary>
    [BindProperty]
    public int BrokerPort { get; set; } = 8883;

    /// <summary>Gets or sets the broker certificate authority (PEM).</summary>
    [BindProperty]
    public string BrokerCa { get; set; } = string.Empty;

    /// <summary>Gets or sets how many hours the bundles stay valid.</summary>
    [BindProperty]
    public int Hours { get; set; } = 72;

    /// <summary>Gets the message shown when the request is refused.</summary>
    public string? Error { get; private set; }

    /// <summary>Shows the form and the issued bundles.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    /// <summary>Issues the bundles and answers with the printable sheet.</summary>
    /// <returns>The sheet, or the page with the reason it was refused.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        string school = User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;
        string[] lockers = Lockers.Split([' ', ',', ';', '\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var request = new SetupSheetRequest(school, lockers, Kind, Compartments, WifiSsid.Trim(), WifiPassword, BrokerHost.Trim(), BrokerPort, BrokerCa, TimeSpan.FromHours(Hours));
        try
        {
            IReadOnlyList<IssuedSetupBundle> issued = await issuer.IssueAsync(request, User.Identity?.Name ?? "anonymous", HttpContext.Connection.RemoteIpAddress?.ToString() ?? "-", HttpContext.RequestAborted);
            Response.Headers.CacheControl = "no-store";
            return Content(SetupSheet.Render(school, request.WifiSsid, issued), "text/html; charset=utf-8");
        }
        catch (ArgumentException e)
        {
            Error = e.Message.Split(" (Parameter")[0];
            await LoadAsync();
            return Page();
        }
    }

    private async Task LoadAsync()
    {
        Now = time.GetUtcNow();
        Issued = await bundles.ListAsync(User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty, HttpContext.RequestAborted);
    }
}
