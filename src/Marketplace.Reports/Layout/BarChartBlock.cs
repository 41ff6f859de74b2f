using Marketplace.Domain;
using SkiaSharp;

namespace Marketplace.Reports.Layout;

/// <param name="Label">Category shown left of its bars, e.g. a street name.</param>
/// <param name="Values">One amount per series, in series order.</param>
public sealed record BarGroup(string Label, IReadOnlyList<Money> Values);

/// <summary>
/// Horizontal grouped bar chart drawn with Skia primitives. Horizontal, because category labels here are
/// Chinese street names that do not fit under narrow vertical bars. An optional dashed reference line marks
/// a threshold such as the 2,000,000-yuan budget floor.
/// </summary>
public sealed class BarChartBlock(
    string caption,
    IReadOnlyList<string> seriesNames,
    IReadOnlyList<BarGroup> groups,
    Money? reference = null,
    string? referenceLabel = null) : IBlock
{
    private const float LabelWidth = 96f;
    private const float BarThickness = 7f;
    private const float GroupGap = 7f;
    private const float AxisHeight = 16f;
    private const int TickCount = 5;

    public void Render(DocumentBuilder builder)
    {
        var captionHeight = Typography.LineHeight(Typography.Body);
        var legendHeight = Typography.LineHeight(Typography.Small);
        var groupHeight = seriesNames.Count * BarThickness + GroupGap;
        var plotHeight = groups.Count * groupHeight + GroupGap;
        builder.EnsureSpace(captionHeight + legendHeight + plotHeight + AxisHeight + 8f);

        builder.TextInBox(PageGeometry.Left, builder.Y, PageGeometry.ContentWidth, captionHeight, caption, Typography.Body, Typography.Text, TextAlign.Center);
        builder.Y += captionHeight;
        DrawLegend(builder, legendHeight);

        var plotLeft = PageGeometry.Left + LabelWidth;
        var plotWidth = PageGeometry.ContentWidth - LabelWidth - 24f;
        var top = builder.Y;
        var step = NiceStep(MaxValue());
        var axisMax = step * TickCount;
        float X(Money m) => plotLeft + (float)(m.Yuan / axisMax) * plotWidth;

        builder.Page.Add(new RectOp(new SKRect(plotLeft, top, plotLeft + plotWidth, top + plotHeight), null, Typography.Rule));
        for (var t = 0; t <= TickCount; t++)
        {
            var value = new Money(step * t);
            var x = X(value);
            builder.Page.Add(new LineOp(x, top, x, top + plotHeight, Typography.Rule, 0.3f));
            var tick = MoneyFormat.Wan(value);
            var width = TextMeasurer.Width(tick, Typography.Small);
            builder.Page.Add(new TextOp(x - width / 2f, top + plotHeight + 10f, tick, Typography.Small, Typography.Muted));
        }

        var y = top + GroupGap;
        foreach (var group in groups)
        {
            builder.TextInBox(PageGeometry.Left, y, LabelWidth - 6f, seriesNames.Count * BarThickness, Fit(group.Label, LabelWidth - 6f), Typography.Small, Typography.Text, TextAlign.Right);
            for (var s = 0; s < seriesNames.Count; s++)
            {
                var value = s < group.Values.Count ? group.Values[s] : Money.Zero;
                var right = X(value < Money.Zero ? Money.Zero : value);
                builder.Page.Add(new RectOp(new SKRect(plotLeft, y, Math.Max(right, plotLeft + 0.5f), y + BarThickness - 1f), SeriesColor(s), null));
                y += BarThickness;
            }
            y += GroupGap;
        }

        if (reference is { } r)
        {
            var x = X(r);
            builder.Page.Add(new LineOp(x, top, x, top + plotHeight, Typography.Alert, 1f, Dashed: true));
            if (referenceLabel is not null)
            {
                builder.Page.Add(new TextOp(x + 2f, top - 2f, referenceLabel, Typography.Small, Typography.Alert));
            }
        }
        builder.Y = top + plotHeight + AxisHeight;
        builder.Space(8f);
    }

    private void DrawLegend(DocumentBuilder builder, float height)
    {
        var x = PageGeometry.Left + LabelWidth;
        for (var s = 0; s < seriesNames.Count; s++)
        {
            var swatchTop = builder.Y + (height - 7f) / 2f;
            builder.Page.Add(new RectOp(new SKRect(x, swatchTop, x + 7f, swatchTop + 7f), SeriesColor(s), null));
            x += 10f;
            builder.TextInBox(x, builder.Y, 200f, height, seriesNames[s], Typography.Small, Typography.Text, TextAlign.Left);
            x += TextMeasurer.Width(seriesNames[s], Typography.Small) + 14f;
        }
        builder.Y += height + 6f;
    }

    /// <summary>Shortens a label that would run into the left margin; the table above the chart has the full name.</summary>
    internal static string Fit(string label, float width)
    {
        if (TextMeasurer.Width(label, Typography.Small) <= width)
        {
            return label;
        }
        var runes = label.EnumerateRunes().ToList();
        while (runes.Count > 1 && TextMeasurer.Width(string.Concat(runes) + "…", Typography.Small) > width)
        {
            runes.RemoveAt(runes.Count - 1);
        }
        return string.Concat(runes) + "…";
    }

    private static SKColor SeriesColor(int index) => Typography.Series[index % Typography.Series.Length];

    private decimal MaxValue()
    {
        var max = groups.SelectMany(g => g.Values).Select(v => v.Yuan).DefaultIfEmpty(0m).Max();
        return reference is { } r && r.Yuan > max ? r.Yuan : max;
    }

    /// <summary>A 1-2-5 tick step so that five ticks cover the largest value (exact decimal, no rounding noise).</summary>
    internal static decimal NiceStep(decimal max)
    {
        var step = 1m;
        var multipliers = new[] { 2m, 2.5m, 2m };
        var i = 0;
        while (step * TickCount < max)
        {
            step *= multipliers[i % multipliers.Length];
            i++;
        }
        return step;
    }
}
