using Marketplace.Reports.Layout;
using Marketplace.Reports.Models;

namespace Marketplace.Reports.Documents;

/// <summary>All districts in one document: each district starts on a new page with its own summary and table.</summary>
public sealed class AllDistrictsBudgetReport(AllDistrictsBudgetReportModel model) : IReportDocument
{
    public const string DocumentTitle = "各区街道购买服务预算执行汇总报告";

    public ReportInfo Info { get; } = new(DocumentTitle, model.Unit, model.GeneratedOn);

    public void Compose(DocumentBuilder builder)
    {
        builder.Title(DocumentTitle);
        builder.Paragraph($"{model.Year}年度 · 共 {model.Districts.Count} 个区", Typography.Body, Typography.Muted, TextAlign.Center);
        for (var i = 0; i < model.Districts.Count; i++)
        {
            var district = model.Districts[i];
            if (i > 0)
            {
                builder.NewPage();
            }
            builder.Heading($"{ChineseNumber(i + 1)}、{district.District}");
            new DistrictSection(district).Compose(builder);
        }
        if (model.Districts.Count == 0)
        {
            builder.Paragraph("暂无区级数据。");
        }
    }

    /// <summary>Section numbers as official documents write them (一、二、…); plain digits beyond ninety-nine.</summary>
    internal static string ChineseNumber(int n)
    {
        const string digits = "零一二三四五六七八九";
        return n switch
        {
            < 10 => digits[n].ToString(),
            10 => "十",
            < 20 => "十" + digits[n % 10],
            < 100 => digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10].ToString()),
            _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
