namespace Marketplace.Reports.Layout;

/// <summary>What the running header and footer show on every page, and the PDF's metadata.</summary>
/// <param name="Title">Document title, e.g. 街道购买服务年度预算执行报告.</param>
/// <param name="Unit">Issuing unit (编制单位), e.g. 江宁区民政局.</param>
/// <param name="Date">Date the figures were taken (生成日期).</param>
public sealed record ReportInfo(string Title, string Unit, DateOnly Date);
