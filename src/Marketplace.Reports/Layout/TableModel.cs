using Marketplace.Domain;
using SkiaSharp;

namespace Marketplace.Reports.Layout;

/// <param name="Weight">Share of the table width, relative to the other columns.</param>
public sealed record TableColumn(string Header, float Weight, TextAlign Align = TextAlign.Left)
{
    /// <summary>Amounts line up on the decimal point only when right-aligned.</summary>
    public static TableColumn Money(string header, float weight) => new(header, weight, TextAlign.Right);
}

public sealed record TableCell(string Text, SKColor? Color = null)
{
    public static implicit operator TableCell(string text) => new(text);

    public static TableCell Amount(Money amount) => new(MoneyFormat.Plain(amount));

    /// <summary>An amount that may be absent (e.g. paid before any payment): shown as a dash, never as 0.00.</summary>
    public static TableCell Amount(Money? amount) => amount is { } m ? Amount(m) : new TableCell("—");
}

public enum RowStyle
{
    Normal,
    /// <summary>Something needs attention (e.g. a street below the budget floor).</summary>
    Alert,
    Total,
}

public sealed record TableRow(IReadOnlyList<TableCell> Cells, RowStyle Style = RowStyle.Normal);
