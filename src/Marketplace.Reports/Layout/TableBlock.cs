namespace Marketplace.Reports.Layout;

/// <summary>
/// A table that breaks across pages row by row and repeats its header row at the top of every page it
/// continues on, so a reader of page 5 still knows what each column is.
/// </summary>
public sealed class TableBlock(IReadOnlyList<TableColumn> columns, IReadOnlyList<TableRow> rows) : IBlock
{
    private const float Padding = 3f;
    private const float Size = Typography.Table;

    public void Render(DocumentBuilder builder)
    {
        var widths = ColumnWidths();
        var header = columns.Select(c => new TableCell(c.Header)).ToList();
        var headerLines = WrapCells(header, widths);
        var headerHeight = RowHeight(headerLines);
        var first = rows.Count > 0 ? RowHeight(WrapCells(rows[0].Cells, widths)) : 0f;
        builder.EnsureSpace(headerHeight + first);
        DrawRow(builder, headerLines, widths, headerHeight, Typography.HeaderFill, null, TextAlign.Center);
        foreach (var row in rows)
        {
            var lines = WrapCells(row.Cells, widths);
            var height = RowHeight(lines);
            if (height > builder.Remaining)
            {
                builder.NewPage();
                DrawRow(builder, headerLines, widths, headerHeight, Typography.HeaderFill, null, TextAlign.Center);
            }
            var fill = row.Style switch
            {
                RowStyle.Alert => Typography.AlertFill,
                RowStyle.Total => Typography.TotalFill,
                _ => (SkiaSharp.SKColor?)null,
            };
            DrawRow(builder, lines, widths, height, fill, row.Cells, null);
        }
        builder.Space(6f);
    }

    private float[] ColumnWidths()
    {
        var total = columns.Sum(c => c.Weight);
        return columns.Select(c => c.Weight / total * PageGeometry.ContentWidth).ToArray();
    }

    private static List<IReadOnlyList<string>> WrapCells(IReadOnlyList<TableCell> cells, float[] widths)
    {
        var wrapped = new List<IReadOnlyList<string>>(widths.Length);
        for (var i = 0; i < widths.Length; i++)
        {
            var text = i < cells.Count ? cells[i].Text : string.Empty;
            wrapped.Add(TextWrapper.Wrap(text, Size, widths[i] - 2 * Padding));
        }
        return wrapped;
    }

    private static float RowHeight(List<IReadOnlyList<string>> lines) =>
        lines.Max(l => l.Count) * Typography.LineHeight(Size) + 2 * Padding;

    private void DrawRow(DocumentBuilder builder, List<IReadOnlyList<string>> lines, float[] widths, float height,
        SkiaSharp.SKColor? fill, IReadOnlyList<TableCell>? cells, TextAlign? forcedAlign)
    {
        var x = PageGeometry.Left;
        var top = builder.Y;
        var lineHeight = Typography.LineHeight(Size);
        for (var i = 0; i < widths.Length; i++)
        {
            var rect = new SkiaSharp.SKRect(x, top, x + widths[i], top + height);
            builder.Page.Add(new RectOp(rect, fill, Typography.Rule));
            var color = cells is not null && i < cells.Count && cells[i].Color is { } c ? c : Typography.Text;
            var align = forcedAlign ?? columns[i].Align;
            var y = top + Padding;
            foreach (var line in lines[i])
            {
                builder.TextInBox(x + Padding, y, widths[i] - 2 * Padding, lineHeight, line, Size, color, align);
                y += lineHeight;
            }
            x += widths[i];
        }
        builder.Y = top + height;
    }
}
