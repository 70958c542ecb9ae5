using System.Globalization;
using PhoneSafe.Gateway.Model;

namespace PhoneSafe.Gateway.Reports;

/// <summary>
/// The governors' report's sentences and tables as text, shared by the printable page and the PDF so both say the same.
/// </summary>
public static class ReportLines
{
    /// <summary>Formats a deposit rate as a percentage, or a dash when nobody was in contact.</summary>
    /// <param name="bucket">The figures.</param>
    /// <returns>Such as "93%".</returns>
    public static string Rate(ComplianceBucket bucket) => bucket.InContact == 0 ? "-" : (bucket.Rate * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// Gets the summary sentences.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <returns>One sentence a line.</returns>
    public static IReadOnlyList<string> Summary(GovernorsReport report) =>
    [
        string.Create(CultureInfo.InvariantCulture, $"Staff deposit rate: {Rate(report.Deposits)} ({report.Deposits.Deposited} of {report.Deposits.InContact} staff-days with contact time had a phone in a locker at its start)."),
        string.Create(CultureInfo.InvariantCulture, $"Staff retrievals during contact time: {report.Deposits.RetrievalsInContact}."),
        string.Create(CultureInfo.InvariantCulture, $"Flags raised: {report.Flags.Sum(f => f.ByOutcome.Values.Sum())}; resolved as a breach: {report.Breaches}."),
        string.Create(CultureInfo.InvariantCulture, $"Pupil phones held at the office: {report.PupilPhonesHeld}; released before home-time: {report.PupilPhonesReleasedEarly}."),
        string.Create(CultureInfo.InvariantCulture, $"Exceptions in force: {report.Exceptions.Sum(e => e.PersonDays)} person-day(s)."),
    ];

    /// <summary>
    /// Gets the tables: flags by kind and outcome, exceptions by kind, deposit rate by week.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <returns>(title, header, rows) of each table.</returns>
    public static IReadOnlyList<(string Title, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)> Tables(GovernorsReport report) =>
    [
        (
            "Flags by kind and outcome",
            ["Kind", .. GovernorsReport.Outcomes, "Total"],
            [.. report.Flags.Select(f => (IReadOnlyList<string>)[f.Kind, .. GovernorsReport.Outcomes.Select(o => Number(f.ByOutcome.GetValueOrDefault(o))), Number(f.ByOutcome.Values.Sum())])]),
        ("Exceptions by kind (person-days)", ["Kind", "Person-days"], [.. report.Exceptions.Select(e => (IReadOnlyList<string>)[e.Kind, Number(e.PersonDays)])]),
        (
            "Staff deposit rate by week",
            ["Week", "Staff-days", "Deposited", "Rate", "Retrievals"],
            [.. report.ByWeek.Select(w => (IReadOnlyList<string>)[w.Label, Number(w.InContact), Number(w.Deposited), Rate(w), Number(w.RetrievalsInContact)])]),
    ];

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
