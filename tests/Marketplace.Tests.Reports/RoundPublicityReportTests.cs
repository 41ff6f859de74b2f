using Marketplace.Reports;
using Marketplace.Reports.Documents;
using Marketplace.Reports.Excel;
using Marketplace.Reports.Models;

namespace Marketplace.Tests.Reports;

public sealed class RoundPublicityReportTests
{
    private static RoundPublicityModel Model() => new(
        "2026年“双百助力、大爱公益”公益创投", "湖州市吴兴区朝阳街道办事处", "朝阳街道办事处",
        SampleModels.Yuan(180_000m), SampleModels.Yuan(50_000m), 60m,
        [
            new RoundPublicityLine(2, "四点半课堂", "青少年成长", "湖州市吴兴区启明社会工作事务所", "52330502MJ0000002X", SampleModels.Yuan(40_000m), 84.5m, "场地由社区提供，核减场地费"),
            new RoundPublicityLine(1, "银龄互助", "为老服务", "湖州市吴兴区乐家社会工作服务中心", "52330502MJ00000015", SampleModels.Yuan(50_000m), 91.35m, null),
        ],
        ["王建国", "李秀英", "张伟"],
        new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 27), 5, new DateOnly(2026, 11, 22))
    {
        Contact = "朝阳街道办事处（在本平台“公益创投”中该创投页面提出异议）",
    };

    [Fact]
    public void The_publicity_notice_lists_each_funded_project_by_rank_with_amount_score_panel_period_and_objection_route()
    {
        var text = PdfText.All(ReportRenderer.Render(new RoundPublicityReport(Model())));

        Assert.Contains("2026年“双百助力、大爱公益”公益创投立项公示", text);
        Assert.Contains("拟资助项目 2 个，资助金额合计 ¥90,000.00", text);
        var first = text.IndexOf("1银龄互助为老服务湖州市吴兴区乐家社会工作服务中心（52330502MJ00000015）50,000.0091.35", StringComparison.Ordinal);
        var second = text.IndexOf("2四点半课堂青少年成长湖州市吴兴区启明社会工作事务所（52330502MJ0000002X）40,000.0084.50", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, text);
        Assert.Contains("合计90,000.00", text);
        Assert.Contains("四点半课堂（场地由社区提供，核减场地费）", text);
        Assert.Contains("王建国、李秀英、张伟", text);
        Assert.Contains("公示期自 2026年11月23日 起至 2026年11月27日 24时止（共 5 个工作日，法定节假日及休息日不计）", text);
        Assert.Contains("受理异议：朝阳街道办事处", text);
    }

    [Fact]
    public void The_selection_workbook_has_the_same_projects_amounts_and_scores_by_rank()
    {
        using var stream = new MemoryStream();

        ReportWorkbooks.RoundSelection(stream, Model());

        var rows = XlsxRead.Rows(stream, out var sheet, out _);
        Assert.Equal("立项项目", sheet);
        Assert.Equal(["排名", "项目名称", "类别", "申报单位", "统一社会信用代码", "资助金额（元）", "评审得分", "调整理由"], rows[0].Select(XlsxRead.Text));
        Assert.Equal([("1", "银龄互助", "50000.00", "91.35"), ("2", "四点半课堂", "40000.00", "84.50")],
            rows.Skip(1).Select(r => (XlsxRead.Text(r[0]), XlsxRead.Text(r[1]), XlsxRead.Text(r[5]), XlsxRead.Text(r[6]))));
        Assert.Equal("场地由社区提供，核减场地费", XlsxRead.Text(rows[2][7]));
    }
}
