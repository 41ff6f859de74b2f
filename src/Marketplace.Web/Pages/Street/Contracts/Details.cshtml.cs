using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Web.Infrastructure.Pages;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Pages.Shared;
using Marketplace.Web.Features.Contracts;
using Marketplace.Reports;
using Marketplace.Reports.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Street.Contracts;

/// <summary>One contract of the street: schedule, signing, evaluations, releasing tranches, termination.</summary>
public sealed class DetailsModel(IGrainFactory grains, Marketplace.Web.Data.AppDbContext db, TimeProvider clock, CurrentTenant tenant, ReportRenderLane renderLane) : PageModel
{
    public ContractState Contract { get; private set; } = default!;

    [BindProperty] public string?[] Shares { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }

    private IContractGrain Grain(Guid id) => grains.GetGrain<IContractGrain>(id);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Shares = [.. Contract.Tranches.Select(t => t.SharePercent.ToString("0.##", CultureInfo.InvariantCulture))];
        return Page();
    }

    /// <summary>The contract as PDF: parties, amount in figures and 大写, tranches, signatures.</summary>
    public Task<IActionResult> OnGetPdfAsync(Guid id) =>
        PdfAsync(id, (c, street, today) => ContractDocuments.Contract(c, street, today) is { } m ? new ContractReport(m) : null, "contract.pdf");

    /// <summary>绩效评估报告 of one tranche's evaluation round: per source, indicators, total and grade.</summary>
    public Task<IActionResult> OnGetEvaluationPdfAsync(Guid id, int no, int round) =>
        PdfAsync(id, (c, street, today) => ContractDocuments.Evaluation(c, no, round, street, today) is { } m ? new EvaluationReport(m) : null, "evaluation.pdf");

    /// <summary>付款通知书 of a paid tranche: payee, account, amount in figures and 大写, reference.</summary>
    public Task<IActionResult> OnGetPaymentPdfAsync(Guid id, int no) =>
        PdfAsync(id, (c, street, today) => ContractDocuments.PaymentNotice(c, no, street, today) is { } m ? new PaymentNoticeReport(m) : null, "payment-notice.pdf");

    /// <summary>服务公示牌 of a signed contract, to post where the service is delivered: the rating link and its QR code (群众评).</summary>
    public Task<IActionResult> OnGetServiceNoticePdfAsync(Guid id) =>
        PdfAsync(id, (c, street, today) => ContractDocuments.ServiceNotice(c, street, $"{Request.Scheme}://{Request.Host}/Contracts/{c.TenderId}/Rate", today)
            is { } m ? new ServiceNoticeReport(m) : null, "service-notice.pdf");

    private async Task<IActionResult> PdfAsync(Guid id, Func<ContractState, string, DateOnly, Marketplace.Reports.IReportDocument?> document, string fileName)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var street = await db.Streets.Where(x => x.Id == Contract.StreetId).Select(x => x.Name).SingleAsync();
        return document(Contract, street, ChinaTime.Day(clock.GetUtcNow())) is { } doc
            ? File(await renderLane.RenderAsync(doc), "application/pdf", fileName)
            : NotFound();
    }

    public Task<IActionResult> OnPostSignAsync(Guid id) =>
        ActAsync(id, async (g, street) => (await g.SignAsStreetAsync(street, tenant.DisplayName)).Errors, "街道已签订，等待承接机构签订");

    public Task<IActionResult> OnPostPayAsync(Guid id, int no) =>
        ActAsync(id, async (g, street) => [.. (await g.PayTrancheAsync(street, no, tenant.DisplayName)).Errors.Select(e => e with { Field = "" })], $"第{no}笔款项已确认支付");

    public Task<IActionResult> OnPostTerminateAsync(Guid id) =>
        ActAsync(id, async (g, street) => (await g.TerminateAsync(street, Reason ?? "", tenant.DisplayName)).Errors, "合同已终止");

    public Task<IActionResult> OnPostScheduleAsync(Guid id) =>
        ActAsync(id, async (g, street) =>
        {
            var gates = Contract.Tranches.Select(t => t.Gate).ToList();
            var plan = new List<TranchePlan>();
            for (var i = 0; i < gates.Count; i++)
            {
                if (!decimal.TryParse(i < Shares.Length ? Shares[i] : null, NumberStyles.Number, CultureInfo.InvariantCulture, out var share))
                {
                    return [new FieldError($"Shares[{i}]", "请填写比例（数字）")];
                }
                plan.Add(new TranchePlan(gates[i], share));
            }
            var result = await g.EditScheduleAsync(street, Contract.Version, [.. plan], tenant.DisplayName);
            return [.. result.Errors.Select(e => e with { Field = e.Field.StartsWith("Schedule[", StringComparison.Ordinal) ? "Shares" + e.Field[8..] : e.Field == "Schedule" ? "" : e.Field })];
        }, "付款计划已调整");

    private Task<IActionResult> ActAsync(Guid id, Func<IContractGrain, long, Task<ImmutableArray<FieldError>>> act, string done) =>
        this.ActAsync(id, LoadAsync, () => act(Grain(id), Contract.StreetId), done);

    private async Task<bool> LoadAsync(Guid id)
    {
        if (await tenant.StreetContractAsync(grains, id) is not { } contract)
        {
            return false;
        }
        Contract = contract;
        return true;
    }
}
