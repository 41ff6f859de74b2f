using Marketplace.Grid;
using Marketplace.Reports;
using Marketplace.Reports.Documents;
using Marketplace.Reports.Models;

namespace Marketplace.Tests.Reports;

public sealed class StreetGridSectionTests
{
    [Fact]
    public void Street_report_lists_each_community_and_the_street_with_on_time_and_very_satisfied_rates()
    {
        // 13,657 matters, 99.74% closed on time, 4,680 ratings, 99.25% very satisfied (庄市街道's report), split by hand.
        var qinyong = new MatterFigures(9000, 8990, 8967, 23, 3000, 2978, [2978, 20, 2, 0]);
        var centre = new MatterFigures(4657, 4650, 4636, 14, 1680, 1667, [1667, 12, 1, 0]);
        var total = MatterFigures.Sum([qinyong, centre]);
        var model = SampleModels.Street() with
        {
            Grid = [new GridFigureLine("勤勇村", qinyong), new GridFigureLine("中心社区", centre), new GridFigureLine("街道合计", total)],
        };
        var text = PdfText.All(ReportRenderer.Render(new StreetBudgetReport(model)));
        Assert.Contains("六、网格服务与群众满意度", text);
        Assert.Contains($"勤勇村9000899099.74%3000{MatterFigures.Percent(100m * 2978 / 3000)}", text.Replace(",", ""));
        Assert.Contains("街道合计136571364099.73%4680", text);
        Assert.Contains(MatterFigures.Percent(total.VerySatisfiedRate), text);
        Assert.DoesNotContain("六、网格服务", PdfText.All(ReportRenderer.Render(new StreetBudgetReport(SampleModels.Street()))));
    }
}
