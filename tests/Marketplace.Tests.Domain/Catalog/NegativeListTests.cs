using Marketplace.Catalog;

namespace Marketplace.Tests.Domain.Catalog;

public sealed class NegativeListTests
{
    [Theory]
    [InlineData(PurchaseNature.Goods, "货物")]
    [InlineData(PurchaseNature.Works, "建设工程")]
    [InlineData(PurchaseNature.Financing, "融资")]
    [InlineData(PurchaseNature.LabourDispatch, "劳务派遣")]
    [InlineData(PurchaseNature.CoreGovernmentDuty, "政府自身职责")]
    public void Stated_nature_on_the_negative_list_is_refused_with_the_rule(PurchaseNature nature, string expected)
    {
        var reason = NegativeList.Check(nature, "社区服务");
        Assert.NotNull(reason);
        Assert.Contains(expected, reason);
        Assert.Contains("第102号第十条", reason);
    }

    [Theory]
    [InlineData("老旧小区外立面施工改造", "施工")]
    [InlineData("通过劳务派遣补充窗口人员", "劳务派遣")]
    [InlineData("为社区采购设备一批", "采购设备")]
    [InlineData("为街道办理融资担保", "融资")]
    [InlineData("委托开展行政处罚案件办理", "行政处罚")]
    public void Service_whose_text_reveals_a_forbidden_kind_is_refused(string text, string word)
    {
        var reason = NegativeList.Check(PurchaseNature.Service, text);
        Assert.NotNull(reason);
        Assert.Contains(word, reason);
    }

    [Theory]
    [InlineData("为辖区高龄独居老人提供助餐、助洁上门服务")]
    [InlineData("社区法律顾问驻点咨询与普法宣传")]
    [InlineData("网格民情走访与信息采集辅助（不含执法）")]
    public void Ordinary_public_services_pass(string text) =>
        Assert.Null(NegativeList.Check(PurchaseNature.Service, text));
}
