using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using PhoneSafe.Firmware.Core.Protocol;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Commands;

/// <summary>
/// <c>export-person &lt;school&gt; &lt;personId&gt;</c>: prints everything held about one person as JSON (a subject
/// access request; audited).
/// </summary>
public sealed class ExportPersonCommand : GatewayCommand<ExportPersonCommand.Request>
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <inheritdoc/>
    public override string Verb => "export-person";

    /// <inheritdoc/>
    public override string Usage => "usage: export-person <school> <personId>";

    /// <inheritdoc/>
    protected override bool TryRead(CommandArguments arguments, [NotNullWhen(true)] out Request? request)
    {
        IReadOnlyList<string> positional = arguments.Positional;
        request = positional.Count >= 2 && Identifiers.IsValid(positional[0]) && Import.PeopleImporter.IsValidPersonId(positional[1])
            ? new Request(positional[0], positional[1])
            : null;
        return request is not null;
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(IServiceProvider services, Request request, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<UserStore>().AuditAsync(
            "cli:" + Environment.UserName, "export:person", SubjectAccessStore.AuditDetail(request.School, request.PersonId), "local", cancellationToken);
        SubjectAccessExport? export = await services.GetRequiredService<SubjectAccessStore>().ExportAsync(request.School, request.PersonId, cancellationToken);
        if (export is null)
        {
            await Console.Error.WriteLineAsync($"nothing is held about {request.PersonId} at {request.School}");
            return Failure;
        }

        Console.WriteLine(JsonSerializer.Serialize(export, s_json));
        return Success;
    }

    /// <summary>Whom to export.</summary>
    /// <param name="School">School identifier.</param>
    /// <param name="PersonId">The person's identifier in the school's records.</param>
    public sealed record Request(string School, string PersonId);
}
