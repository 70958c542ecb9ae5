namespace PhoneSafe.Gateway.Pages;

/// <summary>
/// A simple server-rendered SVG bar chart (no script). The same figures are always in a table next to it.
/// </summary>
/// <param name="Id">Element id prefix (unique on the page).</param>
/// <param name="Title">What it shows (the SVG's accessible name).</param>
/// <param name="Bars">(label, value, text shown above the bar).</param>
/// <param name="Maximum">The value of a full-height bar (at least 1).</param>
public sealed record BarChart(string Id, string Title, IReadOnlyList<(string Label, double Value, string Text)> Bars, double Maximum);
