using DocumentFormat.OpenXml.Spreadsheet;

namespace Marketplace.Reports.Excel;

/// <summary>The few cell formats exports need; indexes into the workbook's cellXfs.</summary>
internal static class XlsxStyles
{
    public const uint Default = 0;
    public const uint Money = 1;
    public const uint Date = 2;
    public const uint Header = 3;

    /// <summary>Built-in number format 2 is "0.00": amounts stay numbers Excel can sum, shown to the fen.</summary>
    private const uint MoneyFormatId = 2;
    private const uint DateFormatId = 164;

    public static Stylesheet Create() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = "yyyy-mm-dd" }) { Count = 1 },
        new DocumentFormat.OpenXml.Spreadsheet.Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = MoneyFormatId, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = DateFormatId, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, ApplyFont = true }) { Count = 4 });
}
