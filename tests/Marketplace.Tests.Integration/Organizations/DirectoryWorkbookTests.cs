using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Marketplace.Organizations;
using Marketplace.Reports.Excel;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Features.Organizations;
using Microsoft.EntityFrameworkCore;
using static Marketplace.Tests.Integration.Organizations.OrganizationForms;

namespace Marketplace.Tests.Integration.Organizations;

/// <summary>The directory's .xlsx export and all-or-nothing import, as the district admin uses them.</summary>
public sealed class DirectoryWorkbookTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private MarketplaceAppFactory Factory => app.Factory;

    private static object?[] Row(string uscc, string name, string type = "社工机构", string areas = "养老助残、社区治理", string staff = "8",
        string assistant = "2", string street = "东山街道", string registeredOn = "2019-05-20") =>
        [uscc, name, type, "南京市江宁区民政局", registeredOn, "王芳", "王芳", "025-52100001", "南京市江宁区东山街道", street, areas,
         staff, assistant, "1", "0", "", "社区助老"];

    private static byte[] Workbook(IEnumerable<object?[]> rows)
    {
        using var stream = new MemoryStream();
        XlsxWriter.Write(stream, "目录", DirectoryWorkbook.ImportColumns, rows.Select(r => (IReadOnlyList<object?>)r));
        return stream.ToArray();
    }

    private static Task<HttpResponseMessage> ImportAsync(AppSession admin, byte[] workbook) =>
        PostFileAsync(admin, "/district/organizations/import", "/district/organizations/import", "Workbook", "目录.xlsx", workbook);

    [Fact]
    public async Task Import_with_one_bad_row_imports_nothing_and_reports_the_row()
    {
        string[] good = [NewCode(), NewCode()];
        var bad = NewCode()[..17] + "Z";
        var workbook = Workbook([Row(good[0], "导入甲中心"), Row(bad, "导入乙中心"), Row(good[1], "导入丙中心", staff: "-3")]);
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");

        var response = await ImportAsync(admin, workbook);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("未导入任何数据", html);
        Assert.Contains("<td>第 3 行</td><td>统一社会信用代码不使用字母 I、O、Z、S、V，请核对</td>", html);
        Assert.Contains("<td>第 4 行</td><td>工作人员数不能为负数</td>", html);
        Assert.False(await QueryAsync(Factory, db => db.Organizations.AnyAsync(o => good.Contains(o.Uscc))));

        // Fixed, the same sheet imports whole, straight into the directory.
        response = await ImportAsync(admin, Workbook([Row(good[0], "导入甲中心"), Row(good[1], "导入丙中心")]));
        Assert.Contains("已导入 2 个组织", await response.Content.ReadAsStringAsync());
        var rows = await QueryAsync(Factory, db => db.Organizations.AsNoTracking().Where(o => good.Contains(o.Uscc)).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(DirectoryStatus.Admitted, r.Status));
        Assert.All(rows, r => Assert.Equal(",elderly,community,", r.ServiceAreas));

        // Importing the same codes again is refused row by row, and nothing changes.
        response = await ImportAsync(admin, Workbook([Row(good[0], "导入甲中心改名")]));
        Assert.Contains("已在平台登记，不能重复导入", await response.Content.ReadAsStringAsync());
        Assert.Equal("导入甲中心", await QueryAsync(Factory, db => db.Organizations.Where(o => o.Uscc == good[0]).Select(o => o.Name).SingleAsync()));
    }

    [Fact]
    public async Task Import_over_the_row_limit_is_refused_whole()
    {
        var codes = Enumerable.Range(0, 10_000).Select(_ => NewCode()).ToList();
        var workbook = Workbook(codes.Select((c, i) => Row(c, $"批量中心{i}")));
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        var response = await ImportAsync(admin, workbook);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("一次最多导入 5,000 行", await response.Content.ReadAsStringAsync());
        Assert.False(await QueryAsync(Factory, db => db.Organizations.AnyAsync(o => o.Uscc == codes[0])));
    }

    [Fact]
    public async Task Import_of_a_file_that_is_not_a_workbook_is_refused_in_chinese()
    {
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        var response = await ImportAsync(admin, Pdf);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("文件不是有效的 .xlsx 工作簿", await response.Content.ReadAsStringAsync());

        // A real package whose sheet XML is cut off half-way.
        using var damaged = new MemoryStream();
        damaged.Write(Workbook([Row(NewCode(), "损坏文件中心")]));
        using (var zip = new System.IO.Compression.ZipArchive(damaged, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            var sheet = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
            var name = sheet.FullName;
            sheet.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>统一");
        }
        response = await ImportAsync(admin, damaged.ToArray());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("未导入任何数据", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Export_neutralises_formulas_and_imports_back()
    {
        var code = NewCode();
        var name = "=HYPERLINK(\"http://example.com\",\"点我\")" + code[^4..];
        using var ngo = await RegisterAsync(Factory, code, name);
        using var admin = await AppSession.LoginAsync(Factory, "admin.jiangning");
        var response = await admin.GetAsync("/district/organizations?handler=Export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        using (var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
        {
            var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
            var texts = sheet.Descendants<Cell>().Select(c => c.InnerText).ToList();
            Assert.Contains("'" + name, texts);
            Assert.DoesNotContain(sheet.Descendants<CellFormula>(), _ => true);
            Assert.Contains("江宁区东山街道益邻社会工作服务中心", texts);
            Assert.DoesNotContain("乐家社会工作服务中心", texts); // another district's organization
        }

        // The reader undoes the apostrophe, so an exported sheet round-trips.
        var read = XlsxReader.Read(new MemoryStream(bytes), 10_000).Select(r => r.Cells).ToList();
        var exported = Assert.Single(read, cells => cells.Length > 1 && cells[0] == code);
        Assert.Equal(name, exported[1]);
        // Dates are real Excel dates in the export; the import reads them back as the same day.
        Assert.Equal(new DateOnly(2019, 3, 12), DirectoryWorkbook.ParseDate(exported[4]));
        Assert.Equal(DirectoryWorkbook.ExportColumns, read[0][..DirectoryWorkbook.ExportColumns.Length]);

        var template = await admin.GetAsync("/district/organizations/import?handler=Template");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        var header = Assert.Single(XlsxReader.Read(new MemoryStream(await template.Content.ReadAsByteArrayAsync()), 10));
        Assert.Equal(DirectoryWorkbook.ImportColumns, header.Cells);
    }
}
