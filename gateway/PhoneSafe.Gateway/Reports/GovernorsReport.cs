using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;

namespace PhoneSafe.Gateway.Reports;

/// <summary>
/// The termly governors' and inspection report: the school's figures over a period, from the recorded daily figures
/// only, so it names no one and still covers periods whose ledger events are purged.
/// </summary>
/// <param name="Title">The period's name, such as "Autumn 2026".</param>
/// <param name="From">First day.</param>
/// <param name="To">Last day (inclusive).</param>
/// <param name="DaysRecorded">Days of the period with recorded figures.</param>
/// <param name="Deposits">Staff-days with contact time, deposited by its start, and retrievals in contact time.</param>
/// <param name="ByWeek">The same by ISO week.</param>
/// <param name="Flags">Flags raised, by kind then outcome.</param>
/// <param name="PupilPhonesHeld">Pupil phones taken in at the office.</param>
/// <param name="PupilPhonesReleasedEarly">Pupil phones released before home-time (flags of that kind).</param>
/// <param name="Exceptions">Person-days covered by an exception, by kind.</param>
public sealed record GovernorsReport(
    string Title,
    DateOnly From,
    DateOnly To,
    int DaysRecorded,
    ComplianceBucket Deposits,
    IReadOnlyList<ComplianceBucket> ByWeek,
    IReadOnlyList<(string Kind, IReadOnlyDictionary<string, long> ByOutcome)> Flags,
    long PupilPhonesHeld,
    long PupilPhonesReleasedEarly,
    IReadOnlyList<(string Kind, long PersonDays)> Exceptions)
{
    /// <summary>Gets the outcomes shown as columns, in order: the reviews' resolutions, then the statuses of flags not resolved.</summary>
    public static IReadOnlyList<string> Outcomes { get; } = [.. FlagResolution.All, .. FlagStatus.All.Where(s => s != FlagStatus.Resolved)];

    /// <summary>Gets how many flags were resolved as a breach of the policy.</summary>
    public long Breaches => Flags.Sum(f => f.ByOutcome.GetValueOrDefault(FlagResolution.Breach));

    /// <summary>
    /// Builds the report from recorded daily figures.
    /// </summary>
    /// <param name="title">The period's name.</param>
    /// <param name="from">First day.</param>
    /// <param name="to">Last day (inclusive).</param>
    /// <param name="figures">The period's daily figures.</param>
    /// <returns>The report.</returns>
    public static GovernorsReport Build(string title, DateOnly from, DateOnly to, IReadOnlyList<DailyFigure> figures)
    {
        List<(DateOnly Date, ComplianceBucket Totals)> daily = ComplianceCalculator.DailyTotals(figures, []);
        long Sum(string measure, string? kind = null) => figures.Where(f => f.Measure == measure && (kind is null || f.Kind == kind)).Sum(f => f.Value);
        return new GovernorsReport(
            title,
            from,
            to,
            daily.Count,
            ComplianceCalculator.Group(daily, _ => "total").FirstOrDefault() ?? new ComplianceBucket("total", 0, 0, 0),
            ComplianceCalculator.Group(daily, ComplianceCalculator.WeekLabel),
            [.. figures.Where(f => f.Measure == DailyFigure.Flags).GroupBy(f => f.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, (IReadOnlyDictionary<string, long>)g.GroupBy(f => f.Outcome).ToDictionary(o => o.Key, o => o.Sum(f => f.Value))))],
            Sum(DailyFigure.PupilPhonesHeld),
            Sum(DailyFigure.Flags, FlagKind.PupilReleasedBeforeHomeTime),
            [.. figures.Where(f => f.Measure == DailyFigure.Exceptions).GroupBy(f => f.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Sum(f => f.Value)))]);
    }
}
