using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Apis;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// Firmware (Admin): upload a new firmware image, roll it out to chosen lockers (one first, the others once it is
/// confirmed), and follow each locker's progress live. Goes through the Firmware API's handlers, so the rules and the
/// audit are the same.
/// </summary>
/// <param name="store">Images and each locker's firmware.</param>
/// <param name="registry">Registered lockers.</param>
/// <param name="rollouts">Uploads and rollouts.</param>
/// <param name="users">Audit log.</param>
[Authorize(Policy = Policies.Administration)]
public sealed class FirmwareModel(FirmwareStore store, LockerRegistryStore registry, FirmwareRollouts rollouts, UserStore users) : PageModel
{
    /// <summary>Gets the uploaded images, newest first.</summary>
    public IReadOnlyList<FirmwareRelease> Releases { get; private set; } = [];

    /// <summary>Gets the registered lockers.</summary>
    public IReadOnlyList<string> RegisteredLockers { get; private set; } = [];

    /// <summary>Gets each locker's firmware, by locker.</summary>
    public IReadOnlyDictionary<string, LockerFirmware> Progress { get; private set; } = new Dictionary<string, LockerFirmware>();

    /// <summary>Gets or sets the version to roll out.</summary>
    [BindProperty]
    public string? Version { get; set; }

    /// <summary>Gets or sets the lockers chosen for the rollout.</summary>
    [BindProperty]
    public List<string> Lockers { get; set; } = [];

    /// <summary>Gets or sets the locker updated first.</summary>
    [BindProperty]
    public string? Pilot { get; set; }

    /// <summary>Gets the problems of the last request, or the outcome.</summary>
    public IReadOnlyList<string> Messages { get; private set; } = [];

    /// <summary>Shows the page.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    /// <summary>The progress table alone, for the live refresh.</summary>
    /// <returns>The partial.</returns>
    public async Task<IActionResult> OnGetProgressAsync()
    {
        await LoadAsync();
        return Partial("_FirmwareProgress", this);
    }

    /// <summary>Uploads an image (form fields "version" and "assemblies").</summary>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostUploadAsync()
    {
        var result = await FirmwareApi.UploadAsync(School, rollouts, users, HttpContext);
        Messages = result.Result switch
        {
            Created<FirmwareRelease> created => [$"Uploaded {created.Value!.Version} ({created.Value.SizeBytes:N0} bytes, SHA-256 {created.Value.Sha256})."],
            ValidationProblem problem => Problems(problem),
            _ => [],
        };
        await LoadAsync();
        return Page();
    }

    /// <summary>Starts a rollout of <see cref="Version"/> to <see cref="Lockers"/>, <see cref="Pilot"/> first.</summary>
    /// <returns>The page with the outcome.</returns>
    public async Task<IActionResult> OnPostRolloutAsync()
    {
        List<string> lockers = [.. Lockers.Distinct()];
        if (Pilot is { Length: > 0 } pilot)
        {
            lockers.Remove(pilot);
            lockers.Insert(0, pilot);
        }

        var result = await FirmwareApi.StartRolloutAsync(School, Version ?? string.Empty, new StartRolloutRequest(lockers), rollouts, registry, users, HttpContext);
        Messages = result.Result switch
        {
            Accepted => [lockers.Count == 1 ? $"Rolling out {Version} to {lockers[0]}." : $"Rolling out {Version}: {lockers[0]} first, then {lockers.Count - 1} more once it is confirmed."],
            ValidationProblem problem => Problems(problem),
            _ => [$"No uploaded version {Version}."],
        };
        await LoadAsync();
        return Page();
    }

    private string School => User.FindFirst(GatewayClaims.School)?.Value ?? string.Empty;

    private static string[] Problems(ValidationProblem problem) => [.. problem.ProblemDetails.Errors.SelectMany(e => e.Value.Select(m => e.Key + ": " + m))];

    private async Task LoadAsync()
    {
        Releases = await store.ListReleasesAsync(School, HttpContext.RequestAborted);
        RegisteredLockers = [.. (await registry.ListUnitsAsync(School, HttpContext.RequestAborted)).Select(u => u.Locker)];
        Progress = (await store.ListAsync(School, HttpContext.RequestAborted)).ToDictionary(f => f.Locker);
    }
}
