using DocumentFormat.OpenXml.Spreadsheet;

namespace Marketplace.Reports.Excel;

/// <summary>The few cell formats exports need; indexes into the workbook's cellXfs.</summary>
internal static class XlsxStyles
{
    public const uint Default = 0;
    public const uint Money = 1;
    public const uint Date = 2;
    public const uint Header = 3;
    public const uint DateAndTime = 4;

    /// <summary>Built-in number format 2 is "0.00": amounts stay numbers Excel can sum, shown to the fen.</summary>
    private const uint MoneyFormatId = 2;
    private const uint DateFormatId = 164;
    private const uint DateTimeFormatId = 165;

    public static Stylesheet Create() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = DateTimeFormatId, FormatCode = "yyyy-mm-dd hh:mm" }) { Count = 2 },
        new DocumentFormat.OpenXml.Spreadsheet.Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = MoneyFormatId, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = DateFormatId, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = DateTimeFormatId, ApplyNumberFormat = true }) { Count = 5 });
}
