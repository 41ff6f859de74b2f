using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Domain;
using Marketplace.Grid;
using Marketplace.Reports.Excel;

namespace Marketplace.Web.Features.Grid;

/// <summary>
/// Reads a street's grids from an .xlsx sheet (the directory import's reader) and hands them to the street's
/// grid grain in one command: a row that cannot be read, or any row the grid rules refuse, saves nothing.
/// </summary>
public sealed class GridImport(IGrainFactory grains)
{
    public const int MaxRows = 1000;

    public static readonly string[] Columns = ["网格名称", "所属村(社区)", "类型", "户数", "网格长", "网格长账号", "网格员账号"];

    public async Task<Outcome<int>> ImportAsync(Stream workbook, long streetId, string user)
    {
        var rows = ImmutableArray.CreateBuilder<GridUnit>();
        var errors = new List<FieldError>();
        try
        {
            var header = true;
            foreach (var (rowNumber, cells) in XlsxReader.Read(workbook, MaxRows + 1))
            {
                if (header)
                {
                    header = false;
                    if (!Columns.SequenceEqual(cells.Take(Columns.Length).Select(c => c.Trim())))
                    {
                        return Outcome<int>.Fail("", "表头应为：" + string.Join("、", Columns) + "，请使用下载的模板");
                    }
                    continue;
                }
                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                string Cell(int i) => i < cells.Length ? cells[i].Trim() : "";
                var kind = CommunityKinds.Parse(Cell(2));
                if (kind is null)
                {
                    errors.Add(new("", $"第{rowNumber}行：类型应为“村”或“社区”"));
                }
                if (!int.TryParse(Cell(3), NumberStyles.None, CultureInfo.InvariantCulture, out var households))
                {
                    errors.Add(new("", $"第{rowNumber}行：户数应为整数"));
                }
                rows.Add(new GridUnit(0, Cell(0), Cell(1), kind ?? CommunityKind.Community, households, Cell(4), Cell(5),
                    [.. Cell(6).Split(['、', ',', '，', ' '], StringSplitOptions.RemoveEmptyEntries)]));
            }
        }
        catch (XlsxReader.UnreadableWorkbookException e)
        {
            return Outcome<int>.Fail("", e.Message + "，请使用下载的模板（.xlsx）");
        }
        catch (Exception e) when (e is System.Xml.XmlException or InvalidDataException or IOException or InvalidOperationException
            or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException)
        {
            return Outcome<int>.Fail("", "文件内容已损坏，无法读取，请重新导出后再导入");
        }
        if (rows.Count > MaxRows)
        {
            return Outcome<int>.Fail("", $"一次最多导入{MaxRows}个网格");
        }
        if (errors.Count > 0)
        {
            return Outcome<int>.Fail([.. errors]);
        }
        return await grains.GetGrain<IStreetGridGrain>(streetId).ImportAsync(rows.ToImmutable(), user);
    }
}
