using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace PhoneSafe.Gateway.Reports;

/// <summary>
/// Writes the governors' report (<see cref="GovernorsReport"/>) as an A4 PDF: the same figures and tables as the
/// printable page. Text is WinAnsi-encoded, so the figures are plain text inside the file.
/// </summary>
public static class GovernorsReportPdf
{
    private const double Margin = 50;
    private const double Line = 15;
    private static readonly Lock s_fontGate = new();

    /// <summary>
    /// Renders a report.
    /// </summary>
    /// <param name="report">The report.</param>
    /// <param name="school">The school's name or identifier, for the heading.</param>
    /// <returns>The PDF file.</returns>
    public static byte[] Render(GovernorsReport report, string school)
    {
        lock (s_fontGate)
        {
            GlobalFontSettings.FontResolver ??= new SystemFontResolver();
        }

        using var document = new PdfDocument();
        document.Info.Title = $"Phone policy report: {report.Title}";
        var writer = new PageWriter(document);
        writer.Heading($"Phone policy report, {school}: {report.Title}", 16);
        writer.Text(string.Create(CultureInfo.InvariantCulture, $"{report.From:d MMMM yyyy} to {report.To:d MMMM yyyy}; figures recorded for {report.DaysRecorded} day(s). No person is named."));
        writer.Gap();
        foreach (string line in ReportLines.Summary(report))
        {
            writer.Text(line);
        }

        foreach ((string title, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows) in ReportLines.Tables(report))
        {
            writer.Gap();
            writer.Heading(title, 12);
            writer.Row(header, bold: true);
            foreach (IReadOnlyList<string> row in rows)
            {
                writer.Row(row, bold: false);
            }
        }

        document.Options.CompressContentStreams = true;
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    // Lays text out top to bottom, starting a new page when one is full.
    private sealed class PageWriter(PdfDocument document)
    {
        private static readonly XPdfFontOptions s_options = new(PdfFontEncoding.WinAnsi);
        private readonly XFont _body = new(SystemFontResolver.Family, 9.5, XFontStyleEx.Regular, s_options);
        private readonly XFont _bold = new(SystemFontResolver.Family, 9.5, XFontStyleEx.Bold, s_options);
        private XGraphics? _graphics;
        private PdfPage? _page;
        private double _y;

        public void Heading(string text, double size) => Draw(text, new XFont(SystemFontResolver.Family, size, XFontStyleEx.Bold, s_options), Margin, size + 6);

        public void Text(string text) => Draw(text, _body, Margin, Line);

        public void Gap() => _y += Line / 2;

        public void Row(IReadOnlyList<string> cells, bool bold)
        {
            Ensure(Line);
            double width = (_page!.Width.Point - (2 * Margin)) / (cells.Count + 1);
            for (int i = 0; i < cells.Count; i++)
            {
                // The first column (a label) gets two shares of the width.
                double x = Margin + (i == 0 ? 0 : (i + 1) * width);
                _graphics!.DrawString(cells[i], bold ? _bold : _body, XBrushes.Black, x, _y);
            }

            _y += Line;
        }

        private void Draw(string text, XFont font, double x, double height)
        {
            Ensure(height);
            _graphics!.DrawString(text, font, XBrushes.Black, x, _y);
            _y += height;
        }

        private void Ensure(double height)
        {
            if (_page is not null && _y + height <= _page.Height.Point - Margin)
            {
                return;
            }

            _graphics?.Dispose();
            _page = document.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin + Line;
        }
    }
}
