using System.Collections.Immutable;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Web.Infrastructure.Pages;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Contracts;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.District.Contracts;

/// <summary>Every contract of the district; assigning 互评 organizations and evaluators; deciding appeals.</summary>
public sealed class IndexModel(AppDbContext db, IGrainFactory grains, CurrentTenant tenant) : PageModel
{
    public List<(Guid Id, Marketplace.Reports.Models.ContractListLine Line)> Contracts { get; private set; } = [];
    public List<Marketplace.Reports.Models.EvaluationListLine> Evaluations { get; private set; } = [];
    public ContractState? Contract { get; private set; }

    [BindProperty] public string? Peers { get; set; }
    [BindProperty] public string? Evaluators { get; set; }
    [BindProperty] public bool Upheld { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>The contracts as listed here, as .xlsx.</summary>
    public async Task<IActionResult> OnGetContractsXlsxAsync(CancellationToken ct) =>
        await LoadAsync(null, ct) ? Xlsx(s => Marketplace.Reports.Excel.ReportWorkbooks.Contracts(s, Contracts.Select(c => c.Line)), "合同") : NotFound();

    /// <summary>The evaluations as listed here, as .xlsx.</summary>
    public async Task<IActionResult> OnGetEvaluationsXlsxAsync(CancellationToken ct) =>
        await LoadAsync(null, ct) ? Xlsx(s => Marketplace.Reports.Excel.ReportWorkbooks.Evaluations(s, Evaluations), "绩效评估") : NotFound();

    private FileContentResult Xlsx(Action<Stream> write, string name)
    {
        using var stream = new MemoryStream();
        write(stream);
        return File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
    }

    public Task<IActionResult> OnPostAssignAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, (g, district) => g.AssignAsync(district, Split(Peers), Split(Evaluators), tenant.DisplayName), "评估人员已指定", ct);

    public Task<IActionResult> OnPostAppealAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, (g, district) => g.DecideAppealAsync(district, Upheld, Reason ?? "", tenant.DisplayName), "申诉已处理", ct);

    private static ImmutableArray<string> Split(string? text) =>
        [.. (text ?? "").Split([',', '，', ' ', '\n', '\r', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private async Task<IActionResult> ActAsync(Guid id, Func<IContractGrain, long, Task<Outcome<ContractState>>> act, string done, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || tenant.DistrictId is not { } district)
        {
            return NotFound();
        }
        var result = await act(grains.GetGrain<IContractGrain>(id), district);
        if (result.Succeeded)
        {
            TempData["Notice"] = done;
            return RedirectToPage(new { id });
        }
        ModelState.AddOutcome(result.Errors);
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid? id, CancellationToken ct)
    {
        if (tenant.DistrictId is not { } district)
        {
            return false;
        }
        Contracts = await ContractDocuments.DistrictListAsync(db, district, ct);
        Evaluations = await ContractDocuments.DistrictEvaluationsAsync(db, district, ct);
        if (id is null)
        {
            return true;
        }
        Contract = await grains.GetGrain<IContractGrain>(id.Value).GetAsync();
        if (Contract is null || Contract.DistrictId != district)
        {
            return false;
        }
        Peers ??= string.Join("，", Contract.PeerUsccs);
        Evaluators ??= string.Join("，", Contract.Evaluators);
        return true;
    }
}
