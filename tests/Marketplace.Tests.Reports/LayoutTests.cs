using Marketplace.Reports;
using Marketplace.Reports.Documents;
using Marketplace.Reports.Layout;
using Marketplace.Reports.Models;
using UglyToad.PdfPig;

namespace Marketplace.Tests.Reports;

public sealed class LayoutTests
{
    [Fact]
    public void Money_cells_are_right_aligned_in_their_column()
    {
        var model = SampleModels.District(
        [
            new StreetBudgetSummary("东山街道", SampleModels.Yuan(2_345_678.90m), null, SampleModels.Yuan(1m), SampleModels.Yuan(1m)),
            new StreetBudgetSummary("秣陵街道", SampleModels.Yuan(12_345_678.90m), null, SampleModels.Yuan(1m), SampleModels.Yuan(1m)),
        ]);
        using var pdf = PdfDocument.Open(ReportRenderer.Render(new DistrictBudgetReport(model)));
        var words = pdf.GetPage(1).GetWords().ToList();

        var narrow = words.Single(w => w.Text == "2,345,678.90").BoundingBox;
        var wide = words.Single(w => w.Text == "12,345,678.90").BoundingBox;

        Assert.Equal(narrow.Right, wide.Right, 0.5);
        Assert.True(wide.Left < narrow.Left - 3, "the wider amount starts further left");
    }

    [Fact]
    public void Summary_box_lists_every_below_floor_street_even_across_pages()
    {
        var streets = Enumerable.Range(1, 120)
            .Select(i => new StreetBudgetSummary($"低于标准{i}号街道", SampleModels.Yuan(1_000_000m + i), null, SampleModels.Yuan(0m), SampleModels.Yuan(0m)))
            .ToList();
        var pages = PdfText.Pages(ReportRenderer.Render(new DistrictBudgetReport(SampleModels.District(streets))));
        var text = string.Join("\n", pages);

        Assert.Contains("未达标 120 个", text);
        for (var i = 1; i <= 120; i++)
        {
            // Smallest budget first: street i is listed i-th in the box.
            Assert.Contains($"{i}. 低于标准{i}号街道：预算 ¥{1_000_000 + i:N0}.00，未达标", text);
        }
        Assert.True(pages.Count >= 4, $"{pages.Count} pages");
    }

    [Fact]
    public void District_without_streets_still_renders_with_totals()
    {
        var text = PdfText.All(ReportRenderer.Render(new DistrictBudgetReport(SampleModels.District([]))));

        Assert.Contains("共 0 个街道", text);
        Assert.Contains("合计0.00", text);
    }

    [Fact]
    public void Street_without_purchases_says_so_and_chart_marks_the_floor()
    {
        var text = PdfText.All(ReportRenderer.Render(new StreetBudgetReport(SampleModels.Street(purchases: 0))));

        Assert.Contains("本年度暂无购买项目。", text);
        Assert.Contains("最低标准 200.00万元", text);
    }

    [Fact]
    public void Chart_label_too_long_for_its_space_is_shortened_with_an_ellipsis()
    {
        var label = BarChartBlock.Fit("南京市江宁区东山街道社区居家养老服务中心", 90f);

        Assert.EndsWith("…", label);
        Assert.StartsWith("南京市", label);
        Assert.True(TextMeasurer.Width(label, Typography.Small) <= 90f);
        Assert.Equal("东山街道", BarChartBlock.Fit("东山街道", 90f));
    }
}
