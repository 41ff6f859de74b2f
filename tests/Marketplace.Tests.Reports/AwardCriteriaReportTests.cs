using Marketplace.Reports;
using Marketplace.Reports.Documents;
using Marketplace.Reports.Models;

namespace Marketplace.Tests.Reports;

/// <summary>The 中标结果公示 follows the notice's own 评分标准: the list with its points, and each applicant's parts.</summary>
public sealed class AwardCriteriaReportTests
{
    private static AwardNoticeModel WithOwnCriteria() => SampleModels.Award() with
    {
        Applicants =
        [
            new ApplicantResult(1, "南京市江宁区乐家社会工作服务中心", SampleModels.Yuan(456_000m), 88.70m, true)
            {
                CriterionScores = [45m, 15.2m, 8.5m], PriceScore = 20m,
            },
            new ApplicantResult(2, "南京市江宁区同心社会工作服务社", SampleModels.Yuan(470_000m), 80.40m, false)
            {
                CriterionScores = [41m, 14m, null], PriceScore = 19.4m,
            },
        ],
        Criteria = ["服务方案", "团队与经验", "风险防控"],
        Standard =
        [
            new AwardCriterion("服务方案", 50m, "需求分析准确、方案可行的得40–50分", false),
            new AwardCriterion("团队与经验", 20m, null, false),
            new AwardCriterion("风险防控", 10m, null, false),
            new AwardCriterion("价格", 20m, null, true),
        ],
    };

    [Fact]
    public void The_notice_lists_its_own_criteria_before_the_results_and_each_applicants_parts_after_them()
    {
        var text = PdfText.All(ReportRenderer.Render(new AwardNoticeReport(WithOwnCriteria())));

        Assert.Contains("二、评分标准（综合评分法）", text);
        Assert.Contains("服务方案50需求分析准确、方案可行的得40–50分", text);
        Assert.Contains("价格20最低有效报价÷本报价×20", text);
        Assert.Contains("合计100", text);
        Assert.Contains("三、评审结果", text);
        Assert.Contains("南京市江宁区乐家社会工作服务中心45.0015.208.5020.0088.70", text);
        Assert.Contains("南京市江宁区同心社会工作服务社41.0014.00—19.4080.40", text); // an absent part is a dash, never 0.00
        Assert.Contains("六、质疑方式", text);
    }

    [Fact]
    public void Without_a_criteria_list_the_notice_keeps_its_five_sections() =>
        Assert.Contains("五、质疑方式", PdfText.All(ReportRenderer.Render(new AwardNoticeReport(SampleModels.Award()))));
}
