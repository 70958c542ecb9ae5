using System.Diagnostics.CodeAnalysis;
using PhoneSafe.Gateway.Infrastructure;
using PhoneSafe.Gateway.Infrastructure.Database;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Commands;

/// <summary>
/// <c>purge [--dry-run]</c>: removes personal data past retention behind ledger checkpoints and prints what it
/// removed and what it kept because it is still needed (<c>--dry-run</c>: counts only). The daily figures are
/// recorded first, so nothing is purged before it is counted.
/// </summary>
public sealed class PurgeCommand : GatewayCommand<PurgeCommand.Request>
{
    private const string DryRunSwitch = "--dry-run";

    /// <inheritdoc/>
    public override string Verb => "purge";

    /// <inheritdoc/>
    public override string Usage => "usage: purge [--dry-run]";

    /// <inheritdoc/>
    public override IReadOnlyCollection<string> Switches => [DryRunSwitch];

    /// <inheritdoc/>
    protected override bool TryRead(CommandArguments arguments, [NotNullWhen(true)] out Request? request)
    {
        request = new Request(arguments.Has(DryRunSwitch));
        return true;
    }

    /// <inheritdoc/>
    protected override async Task<int> ExecuteAsync(IServiceProvider services, Request request, CancellationToken cancellationToken)
    {
        Console.WriteLine($"ledger: {services.GetRequiredService<IDatabase>().Location}");
        await services.GetRequiredService<DailyFiguresRecorder>().RecordAsync(cancellationToken);
        RetentionReport report = await services.GetRequiredService<RetentionStore>().PurgeAsync(request.DryRun, cancellationToken);
        foreach (RetentionCut cut in report.Cuts)
        {
            Console.WriteLine(FormattableString.Invariant($"cut {cut.School} at {cut.ChainIndex}: {cut.Rows} events"));
        }

        foreach (HeldRecords held in report.Held)
        {
            Console.WriteLine(FormattableString.Invariant($"held {held.School}: {held.Events} event(s) since {held.OldestUtc:yyyy-MM-dd} because {held.Explanation}"));
        }

        Console.WriteLine((request.DryRun ? "DRY RUN, nothing removed: " : "PURGED ") + report.Summary());
        return Success;
    }

    /// <summary>What purge was asked to do.</summary>
    /// <param name="DryRun">true to count only.</param>
    public sealed record Request(bool DryRun);
}
