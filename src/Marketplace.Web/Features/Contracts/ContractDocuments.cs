using System.Globalization;
using Marketplace.Budgets;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Reports.Models;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Contracts;

/// <summary>
/// The contract's documents (合同, 绩效评估报告, 付款通知书) and the district's lists and workbooks, each built
/// in one place from the contract's state or read model, so a page, its PDF and its workbook print the same figures.
/// </summary>
public static class ContractDocuments
{
    private static string Number(Guid contractId) => ContractNumbers.Of(contractId);

    private static DateOnly Day(DateTimeOffset at) => ChinaTime.Day(at);

    public static ContractModel Contract(ContractState c, string street, DateOnly today)
    {
        static string? Signed(Signature? s) => s is null ? null : $"{s.By} {Day(s.At):yyyy-MM-dd}";
        return new ContractModel(c.Title, Number(c.TenderId), street, c.OrganizationName, c.Uscc,
            c.Account is { } a ? $"{a.Bank} {a.AccountNumber}" : null, c.Content, c.Amount,
            string.Join("；", c.Funding.Select(f => $"{f.Source.Chinese()} {MoneyFormat.Yuan(f.Amount)}")), c.TermStart, c.TermEnd,
            [.. c.Tranches.Select(t => new ContractTrancheLine(t.No, t.Gate.Chinese(), t.SharePercent, t.Amount, t.Status.Chinese()))],
            Signed(c.StreetSignature), Signed(c.OrganizationSignature), today);
    }

    /// <summary>The evaluation of a tranche in a round, or null when there is none.</summary>
    public static EvaluationReportModel? Evaluation(ContractState c, int trancheNo, int round, string street, DateOnly today)
    {
        var ev = c.Evaluations.FirstOrDefault(e => e.TrancheNo == trancheNo && e.Round == round);
        if (ev is null || trancheNo < 1 || trancheNo > c.Tranches.Length)
        {
            return null;
        }
        var tranche = c.Tranches[trancheNo - 1];
        var sources = c.Sheets.Select(sheet =>
        {
            var score = ev.Scores.GetValueOrDefault(sheet.Source);
            return new EvaluationSourceLine(sheet.Source.Chinese(), sheet.Weight, score?.Score, score?.By, score?.SampleSize,
                [.. sheet.Indicators.Select(i => new EvaluationIndicatorLine(i.Name, i.Weight,
                    score is not null && score.Indicators.TryGetValue(i.Code, out var p) ? p : null))]);
        }).ToList();
        return new EvaluationReportModel(c.Title, Number(c.TenderId), street, c.OrganizationName, c.Uscc, tranche.No, tranche.Gate.Chinese(),
            tranche.Amount, ev.Round, ev.Due, sources, ev.Total, ev.Grade?.Chinese(), ev.Note, today, CompletionLine(c, tranche));
    }

    /// <summary>The 服务公示牌 of a signed contract (null for a draft: not public yet), with the rating link as a QR matrix.</summary>
    public static ServiceNoticeModel? ServiceNotice(ContractState c, string street, string ratingUrl, DateOnly today)
    {
        if (c.Status == ContractStatus.Drafted)
        {
            return null;
        }
        using var generator = new QRCoder.QRCodeGenerator();
        using var qr = generator.CreateQrCode(ratingUrl, QRCoder.QRCodeGenerator.ECCLevel.M);
        var modules = qr.ModuleMatrix.Select(row => (IReadOnlyList<bool>)[.. row.Cast<bool>()]).ToList();
        return new ServiceNoticeModel(c.Title, street, c.OrganizationName, c.Amount, c.TermStart, c.TermEnd, c.Content, ratingUrl, modules, today);
    }

    /// <summary>服务完成度 as the grain reconciles it, each unit delivered/due beside the percentage.</summary>
    private static string CompletionLine(ContractState c, Tranche tranche)
    {
        var basis = c.CompletionOf(tranche.No);
        if (basis.Percent is not { } percent)
        {
            return "本合同未约定服务单元，由评估人员按指标评分";
        }
        var units = string.Join("，", basis.Due.Select(u => $"{u.Name} {basis.Delivered.GetValueOrDefault(u.Code)}/{u.ContractedQuantity}"));
        var half = tranche.Gate == TrancheGate.MidTerm ? "；中期按合同数量的一半核算" : "";
        return $"{percent.ToString("0.00", CultureInfo.InvariantCulture)}%（完成/应完成：{units}{half}）";
    }

    /// <summary>The payment notice of a paid tranche, or null when it is not paid.</summary>
    public static PaymentNoticeModel? PaymentNotice(ContractState c, int trancheNo, string street, DateOnly today)
    {
        if (trancheNo < 1 || trancheNo > c.Tranches.Length || c.Tranches[trancheNo - 1] is not { Payment: { } p } t)
        {
            return null;
        }
        return new PaymentNoticeModel(c.Title, Number(c.TenderId), street, p.Payee, c.Uscc, p.Account.Bank, p.Account.AccountName,
            p.Account.AccountNumber, p.Amount, p.Reference, t.No, t.Gate.Chinese(), t.Grade?.Chinese(), p.ConfirmedBy, Day(p.At), today);
    }

    /// <summary>The district's contracts, newest first: what /District/Contracts lists and its workbook prints.</summary>
    public static async Task<List<(Guid Id, ContractListLine Line)>> DistrictListAsync(AppDbContext db, long districtId, CancellationToken ct)
    {
        var rows = await (from c in db.Contracts.AsNoTracking()
                          join s in db.Streets.AsNoTracking() on c.StreetId equals s.Id
                          where c.DistrictId == districtId
                          select new { c, Street = s.Name }).ToListAsync(ct);
        var ids = rows.Select(r => r.c.Id).ToList();
        var tranches = await db.ContractTranches.AsNoTracking().Where(t => ids.Contains(t.ContractId)).ToListAsync(ct);
        var paid = tranches.Where(t => t.Status == TrancheStatus.Paid).GroupBy(t => t.ContractId).ToDictionary(g => g.Key, g => Money.Sum(g.Select(t => t.Amount)));
        return [.. rows.OrderByDescending(r => r.c.CreatedAt).Select(r => (r.c.Id, new ContractListLine(r.c.Title, r.Street, r.c.OrganizationName, r.c.Uscc,
            r.c.Amount, paid.GetValueOrDefault(r.c.Id), r.c.TermStart, r.c.TermEnd, r.c.Status.Chinese(), r.c.FinalGrade?.Chinese())))];
    }

    /// <summary>Every gated tranche of the district's contracts with its latest evaluation's total and grade.</summary>
    public static async Task<List<EvaluationListLine>> DistrictEvaluationsAsync(AppDbContext db, long districtId, CancellationToken ct)
    {
        var rows = await (from t in db.ContractTranches.AsNoTracking()
                          join c in db.Contracts.AsNoTracking() on t.ContractId equals c.Id
                          where c.DistrictId == districtId && t.Gate != TrancheGate.Signing
                          select new { t, c.Title, c.OrganizationName, c.CreatedAt }).ToListAsync(ct);
        return [.. rows.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.t.No).Select(r => new EvaluationListLine(r.Title, r.OrganizationName, r.t.No,
            r.t.Gate.Chinese(), r.t.ReportDue, r.t.Total, r.t.Grade?.Chinese(), r.t.Status.Chinese()))];
    }
}
