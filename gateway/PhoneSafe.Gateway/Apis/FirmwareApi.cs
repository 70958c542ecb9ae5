using Microsoft.AspNetCore.Http.HttpResults;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Actions;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Security;

namespace PhoneSafe.Gateway.Apis;

/// <summary>
/// Over-the-air updates (Admin): upload a firmware image, start a staged rollout to chosen lockers, follow each
/// locker's progress. Uploads and rollouts are audited.
/// </summary>
public static class FirmwareApi
{
    /// <summary>
    /// Maps /api/schools/{school}/firmware.
    /// </summary>
    /// <param name="app">The route builder.</param>
    /// <returns>The group.</returns>
    public static RouteGroupBuilder MapFirmwareApi(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder api = app.MapGroup("/api/schools/{school}/firmware").WithTags("Firmware").AddEndpointFilter<SchoolScopeFilter>().RequireAuthorization(Policies.Administration);
        api.MapPost("/", UploadAsync).WithName("UploadFirmware").DisableAntiforgery()
            .WithSummary("Uploads a firmware image: form field 'version' and the application's .pe files ('assemblies') in load order, the one with Program.Main last.");
        api.MapGet("/", ListReleasesAsync).WithName("ListFirmware").WithSummary("The uploaded firmware images, newest first.");
        api.MapPost("/{version}/rollout", StartRolloutAsync).WithName("StartRollout")
            .WithSummary("Starts a staged rollout: the first locker listed gets the version first, the others once it runs it and is confirmed.");
        api.MapGet("/lockers", ListLockersAsync).WithName("ListLockerFirmware").WithSummary("Each locker's running version and update progress.");
        return api;
    }

    /// <summary>Uploads an image (audited).</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="rollouts">Stores it.</param>
    /// <param name="users">Audit log.</param>
    /// <param name="http">The request (form, user).</param>
    /// <returns>201 with the release, or 400 with what is wrong.</returns>
    public static async Task<Results<Created<FirmwareRelease>, ValidationProblem>> UploadAsync(string school, FirmwareRollouts rollouts, UserStore users, HttpContext http)
    {
        var validation = new Validation();
        if (!http.Request.HasFormContentType)
        {
            validation.Add("assemblies", "send a multipart form with 'version' and the .pe files");
            return TypedResults.ValidationProblem(validation.Errors);
        }

        IFormCollection form = await http.Request.ReadFormAsync(http.RequestAborted);
        string version = form["version"].ToString().Trim();
        if (!UpdateCodec.IsValidVersion(version))
        {
            validation.Add("version", "must be 1 to 32 characters of a-z, 0-9, '.' and '-', such as 1.2.0");
        }

        var assemblies = new List<(string Name, byte[] Data)>();
        long total = 0;
        foreach (IFormFile file in form.Files)
        {
            string name = Path.GetFileName(file.FileName);
            if (!name.EndsWith(".pe", StringComparison.OrdinalIgnoreCase) || name.Length > 64 || name.Any(c => c > 127))
            {
                validation.Add("assemblies", $"'{name}' is not an assembly file (.pe, ASCII name of at most 64 characters)");
                continue;
            }

            using var data = new MemoryStream();
            await file.CopyToAsync(data, http.RequestAborted);
            total += data.Length;
            assemblies.Add((name, data.ToArray()));
        }

        if (assemblies.Count is 0 or > FirmwareImage.MaxAssemblies)
        {
            validation.Add("assemblies", $"choose 1 to {FirmwareImage.MaxAssemblies} .pe files");
        }
        else if (total + FirmwareImage.MaxHeaderBytes > UpdateCodec.MaxImageBytes || assemblies.Any(a => a.Data.Length == 0))
        {
            validation.Add("assemblies", $"the files must not be empty and together at most {(UpdateCodec.MaxImageBytes - FirmwareImage.MaxHeaderBytes) / 1024} KB");
        }

        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        FirmwareRelease? release = await rollouts.UploadAsync(school, version, assemblies, http.User.Identity?.Name ?? "unknown", http.RequestAborted);
        if (release is null)
        {
            validation.Add("version", $"version {version} was uploaded already; give the new image a new version");
            return TypedResults.ValidationProblem(validation.Errors);
        }

        await http.AuditAsync(users, "firmware:uploaded", $"school={school}; version={version}; bytes={release.SizeBytes}; sha256={release.Sha256}; assemblies={string.Join(',', release.Assemblies)}");
        return TypedResults.Created($"/api/schools/{school}/firmware", release);
    }

    /// <summary>Lists the uploaded images.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="store">Images.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>Newest first.</returns>
    public static async Task<Ok<IReadOnlyList<FirmwareRelease>>> ListReleasesAsync(string school, FirmwareStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListReleasesAsync(school, cancellationToken));

    /// <summary>Starts a staged rollout (audited).</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="version">An uploaded version.</param>
    /// <param name="request">The lockers, the pilot first.</param>
    /// <param name="rollouts">Starts it.</param>
    /// <param name="registry">Registered lockers.</param>
    /// <param name="users">Audit log.</param>
    /// <param name="http">The request.</param>
    /// <returns>202, 400 with what is wrong, or 404 for an unknown version.</returns>
    public static async Task<Results<Accepted, ValidationProblem, NotFound>> StartRolloutAsync(
        string school, string version, StartRolloutRequest request, FirmwareRollouts rollouts, LockerRegistryStore registry, UserStore users, HttpContext http)
    {
        var validation = new Validation();
        IReadOnlyList<string> lockers = request.Lockers ?? [];
        HashSet<string> registered = [.. (await registry.ListUnitsAsync(school, http.RequestAborted)).Select(u => u.Locker)];
        if (lockers.Count == 0)
        {
            validation.Add("lockers", "choose at least one locker; the first is updated first");
        }

        foreach (string locker in lockers.Where(l => !registered.Contains(l)).Distinct())
        {
            validation.Add("lockers", $"no registered locker {locker}");
        }

        if (lockers.Distinct().Count() != lockers.Count)
        {
            validation.Add("lockers", "each locker at most once");
        }

        if (!validation.IsValid)
        {
            return TypedResults.ValidationProblem(validation.Errors);
        }

        if (!await rollouts.StartAsync(school, version, lockers, http.RequestAborted))
        {
            return TypedResults.NotFound();
        }

        await http.AuditAsync(users, "firmware:rollout", $"school={school}; version={version}; pilot={lockers[0]}; lockers={string.Join(',', lockers)}");
        return TypedResults.Accepted($"/api/schools/{school}/firmware/lockers");
    }

    /// <summary>Lists each locker's firmware.</summary>
    /// <param name="school">School identifier.</param>
    /// <param name="store">Firmware states.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <returns>By locker.</returns>
    public static async Task<Ok<IReadOnlyList<LockerFirmware>>> ListLockersAsync(string school, FirmwareStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(school, cancellationToken));
}
