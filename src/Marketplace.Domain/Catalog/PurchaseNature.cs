namespace Marketplace.Catalog;

/// <summary>
/// What a transfer item would buy (事项性质). 政府购买服务管理办法（财政部令第102号）第十条 lists what
/// may never be bought as a service; every kind but <see cref="Service"/> is one of those.
/// </summary>
public enum PurchaseNature
{
    Service = 1,          // 公共服务 / 政府履职辅助性服务
    Goods = 2,            // 货物
    Works = 3,            // 建设工程
    Financing = 4,        // 融资行为
    LabourDispatch = 5,   // 劳务派遣、雇用人员
    CoreGovernmentDuty = 6, // 政府自身职责（行政决策、执法、监管等）
}
