using Marketplace.Domain;
using Marketplace.Reports;
using Marketplace.Reports.Documents;
using Marketplace.Reports.Models;

namespace Marketplace.Tests.Reports;

public sealed class ContractReportTests
{
    [Fact]
    public void Contract_pdf_shows_parties_amount_in_figures_and_capitals_tranches_and_signatures()
    {
        var model = new ContractModel("东山街道居家养老上门服务", "HT1A2B3C4D", "南京市江宁区东山街道办事处", "江宁区启明社会工作事务所",
            "52320115MJ5K631475", "中国银行南京江宁支行 4880581234567890", "为辖区高龄独居老人提供每周一次上门探访",
            Money.FromYuan(1_000_000m), "财政资金 ¥1,000,000.00", new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31),
            [new(1, "合同签订后", 50m, Money.FromYuan(500_000m), "已支付"), new(2, "中期评估合格后", 30m, Money.FromYuan(300_000m), "待支付"),
             new(3, "末期评估合格后", 20m, Money.FromYuan(200_000m), "待支付")],
            "dongshan 2026-12-20", "ngo.qiming 2026-12-21", new DateOnly(2026, 12, 21));

        var text = PdfText.All(ReportRenderer.Render(new ContractReport(model)));

        Assert.Contains("东山街道居家养老上门服务 服务合同", text);
        Assert.Contains("52320115MJ5K631475", text);
        Assert.Contains("¥1,000,000.00", text);
        Assert.Contains("人民币壹佰万元整", text);
        Assert.Contains("500,000.00", text);
        Assert.Contains("中期评估合格后", text);
        Assert.Contains("ngo.qiming 2026-12-21", text);
    }
}
