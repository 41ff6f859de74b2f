using Marketplace.Domain;
using Marketplace.Reports;
using Marketplace.Reports.Documents;
using Marketplace.Reports.Excel;
using Marketplace.Reports.Models;

namespace Marketplace.Tests.Reports;

/// <summary>绩效评估报告, 付款通知书 and the district's contract and evaluation workbooks, read back as text.</summary>
public sealed class EvaluationAndPaymentReportTests
{
    private static readonly DateOnly Printed = new(2026, 12, 2);

    private static EvaluationSourceLine Source(string name, decimal weight, decimal? score, string? by, params (string Name, decimal Weight, decimal? Score)[] indicators) =>
        new(name, weight, score, by, name == "群众评" ? 156 : null, [.. indicators.Select(i => new EvaluationIndicatorLine(i.Name, i.Weight, i.Score))]);

    [Fact]
    public void Evaluation_report_shows_each_source_its_indicators_the_total_and_the_grade()
    {
        var model = new EvaluationReportModel("秣陵街道高龄独居老人居家探访服务", "HT1A2B3C4D", "秣陵街道", "江宁区启明社会工作事务所", "52320115MJ5K631475",
            2, "中期评估合格后", Money.FromYuan(54_000m), 1, new DateOnly(2027, 6, 1),
            [
                Source("自评", 10m, 91m, "江宁区启明社会工作事务所 赵宁", ("服务完成度", 30m, 28m), ("服务质量", 30m, 27m), ("满意度", 20m, 18m), ("财务规范", 10m, 9m), ("档案管理", 10m, 9m)),
                Source("互评", 10m, 87m, "52320115MJ5K06310Y", ("服务完成度", 30m, 27m), ("服务质量", 30m, 25m), ("满意度", 20m, 17m), ("财务规范", 10m, 9m), ("档案管理", 10m, 9m)),
                Source("群众评", 30m, 88m, "pinggu.hengxin", ("满意度", 100m, 88m)),
                Source("第三方评", 50m, 89m, "pinggu.hengxin", ("服务完成度", 30m, 30m), ("服务质量", 30m, 25m), ("满意度", 20m, 17m), ("财务规范", 10m, 9m), ("档案管理", 10m, 8m)),
            ], 88.70m, "良好", null, Printed);

        var text = PdfText.All(ReportRenderer.Render(new EvaluationReport(model)));

        Assert.Contains("秣陵街道高龄独居老人居家探访服务 绩效评估报告", text);
        Assert.Contains("综合得分 88.70 分，评估等级：良好", text);
        Assert.Contains("第三方评5089.0044.50", text.Replace(" ", "", StringComparison.Ordinal)); // weight, score on 100, weighted
        Assert.Contains("群众评3088.0026.40", text.Replace(" ", "", StringComparison.Ordinal));
        Assert.Contains("样本量 156", text);
        Assert.Contains("服务完成度", text);
        Assert.Contains("档案管理", text);
    }

    [Fact]
    public void An_evaluation_failed_for_a_missing_report_says_why()
    {
        var model = new EvaluationReportModel("秣陵街道社区矫正对象社会融入服务", "HT00000001", "秣陵街道", "江宁区乐家社会工作服务中心", "52320115MJ5K41253H",
            2, "中期评估合格后", Money.FromYuan(60_000m), 1, new DateOnly(2027, 6, 1),
            [Source("第三方评", 50m, null, null, ("服务完成度", 30m, null))], 0m, "不合格", "未按期提交进度报告，本期评估记为不合格", Printed);

        var text = PdfText.All(ReportRenderer.Render(new EvaluationReport(model)));

        Assert.Contains("综合得分 0.00 分，评估等级：不合格。未按期提交进度报告，本期评估记为不合格", text);
    }

    [Fact]
    public void Payment_notice_shows_payee_account_amount_in_figures_and_capitals_and_the_reference()
    {
        var model = new PaymentNoticeModel("秣陵街道高龄独居老人居家探访服务", "HT1A2B3C4D", "秣陵街道", "江宁区启明社会工作事务所", "52320115MJ5K631475",
            "中国银行南京江宁支行", "江宁区启明社会工作事务所", "4880581234567890", Money.FromYuan(54_000.50m), "HT1A2B3C4D-2",
            2, "中期评估合格后", "良好", "秣陵街道 张伟", new DateOnly(2026, 12, 1), Printed);

        var text = PdfText.All(ReportRenderer.Render(new PaymentNoticeReport(model)));

        Assert.Contains("付款通知书", text);
        Assert.Contains("江宁区启明社会工作事务所（统一社会信用代码 52320115MJ5K631475）", text);
        Assert.Contains("4880581234567890", text);
        Assert.Contains("¥54,000.50", text);
        Assert.Contains("人民币伍万肆仟元伍角", text);
        Assert.Contains("付款参考号：HT1A2B3C4D-2", text);
        Assert.Contains("评估等级：良好", text);
    }

    [Fact]
    public void Contract_and_evaluation_workbooks_hold_the_listed_figures_as_numbers()
    {
        using var contracts = new MemoryStream();
        ReportWorkbooks.Contracts(contracts, [new ContractListLine("秣陵街道社区睦邻互助点运营服务", "秣陵街道", "江宁区仁爱社会工作服务社", "52320115MJ5K526814",
            Money.FromYuan(150_000m), Money.FromYuan(150_000m), new DateOnly(2026, 11, 20), new DateOnly(2027, 11, 19), "已结项", "优秀")]);
        var rows = XlsxRead.Rows(contracts, out var sheet, out _);
        Assert.Equal("合同", sheet);
        var line = rows[1].Select(XlsxRead.Text).ToList();
        Assert.Equal(["秣陵街道社区睦邻互助点运营服务", "秣陵街道", "江宁区仁爱社会工作服务社", "52320115MJ5K526814"], line[..4]);
        Assert.Equal([150_000m, 150_000m], line[4..6].Select(x => decimal.Parse(x, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["2026-11-20", "2027-11-19", "已结项", "优秀"], line[6..]);

        using var evaluations = new MemoryStream();
        ReportWorkbooks.Evaluations(evaluations, [new EvaluationListLine("秣陵街道社区矫正对象社会融入服务", "江宁区乐家社会工作服务中心", 3, "末期评估合格后",
            new DateOnly(2027, 11, 16), 49.90m, "不合格", "暂缓支付")]);
        rows = XlsxRead.Rows(evaluations, out sheet, out _);
        Assert.Equal("绩效评估", sheet);
        Assert.Equal(["秣陵街道社区矫正对象社会融入服务", "江宁区乐家社会工作服务中心", "3", "末期评估合格后", "2027-11-16", "49.90", "不合格", "暂缓支付"],
            rows[1].Select(XlsxRead.Text));
    }
}
