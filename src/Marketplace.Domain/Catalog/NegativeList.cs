namespace Marketplace.Catalog;

/// <summary>
/// The negative list of 政府购买服务管理办法（财政部令第102号）第十条: the government's own core duties,
/// goods, works, financing, and hiring or labour dispatch may never be bought as services. A street
/// official states the item's nature; the text is also read for obvious words of each kind so that a
/// "service" which is really construction or staffing is caught with a reason.
/// </summary>
public static class NegativeList
{
    private const string Basis = "（依据《政府购买服务管理办法》财政部令第102号第十条）";

    private static readonly (PurchaseNature Nature, string[] Words)[] Signals =
    [
        (PurchaseNature.Goods, ["采购设备", "购置设备", "购买设备", "购置车辆", "购买物资", "采购物资", "办公用品采购"]),
        (PurchaseNature.Works, ["施工", "工程建设", "修缮工程", "装修工程", "土建", "拆除工程"]),
        (PurchaseNature.Financing, ["融资", "贷款", "借款", "融资担保", "发行债券"]),
        (PurchaseNature.LabourDispatch, ["劳务派遣", "人员派遣", "雇用人员", "雇佣人员", "招聘编外人员", "借调人员"]),
        (PurchaseNature.CoreGovernmentDuty, ["行政许可", "行政处罚", "行政强制", "行政执法", "行政审批", "行政决策"]),
    ];

    /// <summary>Why an item of this nature can never be purchased, or null when it can.</summary>
    public static string? ReasonFor(PurchaseNature nature) => nature switch
    {
        PurchaseNature.Service => null,
        PurchaseNature.Goods => "货物不属于政府购买服务范围，应按政府采购货物办理" + Basis,
        PurchaseNature.Works => "建设工程不属于政府购买服务范围，应按工程建设项目办理" + Basis,
        PurchaseNature.Financing => "融资行为不得作为政府购买服务事项" + Basis,
        PurchaseNature.LabourDispatch => "购买劳务派遣、雇用人员等用工事项不得作为政府购买服务事项" + Basis,
        PurchaseNature.CoreGovernmentDuty => "行政决策、行政执法、监管等政府自身职责不得向社会力量购买" + Basis,
        _ => "事项性质未知" + Basis,
    };

    /// <summary>
    /// Checks a stated nature and the item's own words. Returns the first reason the item is refused,
    /// or null when it may be listed.
    /// </summary>
    public static string? Check(PurchaseNature nature, params string?[] texts)
    {
        var stated = ReasonFor(nature);
        if (stated is not null)
        {
            return stated;
        }
        foreach (var (kind, words) in Signals)
        {
            foreach (var text in texts)
            {
                var hit = words.FirstOrDefault(w => text?.Contains(w, StringComparison.Ordinal) == true);
                if (hit is not null)
                {
                    return $"内容含“{hit}”，属于禁止购买的事项：" + ReasonFor(kind);
                }
            }
        }
        return null;
    }
}
