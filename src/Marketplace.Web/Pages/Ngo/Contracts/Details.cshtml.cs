using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Web.Infrastructure.Pages;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Ngo.Contracts;

/// <summary>The organization's view of its contract: sign with the receiving account, file reports with the self-evaluation, appeal.</summary>
public sealed class DetailsModel(IGrainFactory grains, CurrentTenant tenant) : PageModel
{
    public ContractState Contract { get; private set; } = default!;

    [BindProperty] public string? Bank { get; set; }
    [BindProperty] public string? AccountName { get; set; }
    [BindProperty] public string? AccountNumber { get; set; }
    [BindProperty] public int TrancheNo { get; set; }
    [BindProperty] public string? PeopleServed { get; set; }
    [BindProperty] public string? Activities { get; set; }
    [BindProperty] public Dictionary<string, string?> Units { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Scores { get; set; } = [];
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public string? AppealText { get; set; }

    private IContractGrain Grain(Guid id) => grains.GetGrain<IContractGrain>(id);

    /// <summary>The tranche whose evaluation is open for a report now (the earliest undecided).</summary>
    public ContractEvaluation? Open => Contract.Tranches.Select(t => Contract.EvaluationOf(t.No)).FirstOrDefault(e => e is { Decided: false });

    public SourceSheet SelfSheet => Contract.Sheets.Single(s => s.Source == EvaluationSource.Self);

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostSignAsync(Guid id) =>
        ActAsync(id, async (g, uscc) => (await g.SignAsOrganizationAsync(uscc, new BankAccount(Bank ?? "", AccountName ?? "", AccountNumber ?? ""), tenant.DisplayName)).Errors,
            "合同已签订");

    public Task<IActionResult> OnPostReportAsync(Guid id) =>
        ActAsync(id, async (g, uscc) =>
        {
            if (!int.TryParse(PeopleServed, CultureInfo.InvariantCulture, out var people) || !int.TryParse(Activities, CultureInfo.InvariantCulture, out var activities))
            {
                return [new FieldError("PeopleServed", "请填写服务人次和活动次数（整数）")];
            }
            var units = ImmutableDictionary.CreateBuilder<string, int>();
            // Only the contract's own units: with no unit fields posted, the binder falls back to every form field.
            foreach (var (code, text) in Units.Where(u => Contract.Units.Any(x => x.Code == u.Key)))
            {
                if (!int.TryParse(text, CultureInfo.InvariantCulture, out var n))
                {
                    return [new FieldError("UnitsDelivered", "完成的服务单元数量应为整数")];
                }
                units[code] = n;
            }
            var scores = ImmutableDictionary.CreateBuilder<string, decimal>();
            foreach (var (code, text) in Scores)
            {
                if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var s))
                {
                    return [new FieldError(code, "请填写自评分（数字）")];
                }
                scores[code] = s;
            }
            var report = new ReportDraft(TrancheNo, people, activities, units.ToImmutable(), Summary ?? "", [], scores.ToImmutable());
            return (await g.FileReportAsync(uscc, report, tenant.DisplayName)).Errors;
        }, "进度报告及自评已提交");

    public Task<IActionResult> OnPostAppealAsync(Guid id) =>
        ActAsync(id, async (g, uscc) => (await g.FileAppealAsync(uscc, AppealText ?? "", tenant.DisplayName)).Errors
            .Select(e => e with { Field = e.Field == "Text" ? nameof(AppealText) : e.Field }).ToImmutableArray(), "申诉已提交，等待区里处理");

    private Task<IActionResult> ActAsync(Guid id, Func<IContractGrain, string, Task<ImmutableArray<FieldError>>> act, string done) =>
        this.ActAsync(id, LoadAsync, () => act(Grain(id), Contract.Uscc), done);

    private async Task<bool> LoadAsync(Guid id)
    {
        var contract = await Grain(id).GetAsync();
        if (contract is null || !tenant.OwnsOrganization(contract.Uscc))
        {
            return false; // another organization's contract (and its reports) is not found
        }
        Contract = contract;
        return true;
    }
}
