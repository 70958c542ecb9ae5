using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;
using PhoneSafe.Gateway.Model;
using PhoneSafe.Gateway.Policy;
using PhoneSafe.Gateway.Reports;

namespace PhoneSafe.Gateway.Tests.Reports;

/// <summary>The governors' report built from daily figures, and its PDF read back.</summary>
public sealed class GovernorsReportPdfTests
{
    private static readonly DateOnly Monday = new(2026, 1, 5);

    /// <summary>Two days of figures: 3 of 4 staff-days deposited, one breach and one explained, two pupil phones, a trip.</summary>
    internal static readonly IReadOnlyList<DailyFigure> Figures =
    [
        new(Monday, DailyFigure.StaffExpected, "", "", 2),
        new(Monday, DailyFigure.StaffDeposited, "", "", 2),
        new(Monday, DailyFigure.RetrievalsInContact, "", "", 1),
        new(Monday, DailyFigure.PupilPhonesHeld, "", "", 2),
        new(Monday, DailyFigure.Flags, FlagKind.StaffRetrieveInContactTime, FlagResolution.Breach, 1),
        new(Monday, DailyFigure.Flags, FlagKind.PupilReleasedBeforeHomeTime, FlagResolution.Explained, 1),
        new(Monday.AddDays(1), DailyFigure.StaffExpected, "", "", 2),
        new(Monday.AddDays(1), DailyFigure.StaffDeposited, "", "", 1),
        new(Monday.AddDays(1), DailyFigure.RetrievalsInContact, "", "", 0),
        new(Monday.AddDays(1), DailyFigure.PupilPhonesHeld, "", "", 0),
        new(Monday.AddDays(1), DailyFigure.Exceptions, ExceptionKind.Trip, "", 2),
    ];

    [Fact]
    public void Build_TwoDaysOfFigures_TotalsDepositsFlagsPupilPhonesAndExceptions()
    {
        GovernorsReport report = CreateSut();

        Assert.Equal((4, 3, 1), (report.Deposits.InContact, report.Deposits.Deposited, report.Deposits.RetrievalsInContact));
        Assert.Equal((1L, 2L, 1L), (report.Breaches, report.PupilPhonesHeld, report.PupilPhonesReleasedEarly));
        Assert.Equal([(ExceptionKind.Trip, 2L)], report.Exceptions);
        Assert.Equal(2, report.DaysRecorded);
    }

    [Fact]
    public void Render_Report_IsAPdfWhosePagesCarryTheFigures()
    {
        byte[] pdf = GovernorsReportPdf.Render(CreateSut(), "Hilltop High");

        string text = PageText(pdf);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        Assert.Contains("Staff deposit rate: 75%", text, StringComparison.Ordinal);
        Assert.Contains("3 of 4 staff-days", text, StringComparison.Ordinal);
        Assert.Contains("resolved as a breach: 1", text, StringComparison.Ordinal);
        Assert.Contains("Pupil phones held at the office: 2; released before home-time: 1", text, StringComparison.Ordinal);
        Assert.Contains(ExceptionKind.Trip, text, StringComparison.Ordinal);
        Assert.Contains("Hilltop High", text, StringComparison.Ordinal);
    }

    /// <summary>Gets the text drawn on a PDF's pages (its content streams, which carry WinAnsi text as written).</summary>
    internal static string PageText(byte[] pdf)
    {
        using PdfDocument document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var text = new StringBuilder();
        foreach (PdfPage page in document.Pages)
        {
            foreach (PdfItem item in page.Contents.Elements)
            {
                var stream = (PdfDictionary)(item is PdfReference reference ? reference.Value : item);
                text.Append(Encoding.Latin1.GetString(stream.Stream.UnfilteredValue));
            }
        }

        return text.ToString();
    }

    private static GovernorsReport CreateSut() => GovernorsReport.Build("Spring 2026", Monday, Monday.AddDays(4), Figures);
}
