using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Budgets;

/// <summary>
/// The ledger's invariants checked over the relational postings, runnable at any time (district admin's
/// check page, tests): every group balances, no idempotency key is used twice in a street's year, and for
/// every street, year and funding source available + encumbered + committed + disbursed = allocated, each
/// agreeing with the balances the pages show.
/// </summary>
public static class LedgerAudit
{
    public sealed record Result(int Groups, int Postings, int Accounts, IReadOnlyList<string> Problems)
    {
        public bool Passed => Problems.Count == 0;
    }

    public static async Task<Result> RunAsync(AppDbContext db, long? districtId, int? year, CancellationToken ct)
    {
        var groups = db.PostingGroups.AsNoTracking()
            .Where(g => (districtId == null || g.DistrictId == districtId) && (year == null || g.Year == year));
        var postings = db.Postings.AsNoTracking().Where(p => groups.Any(g => g.Id == p.GroupId));
        var problems = new List<string>();

        var unbalanced = await postings.GroupBy(p => p.GroupId)
            .Where(g => g.Sum(p => p.AmountFen) != 0)
            .Select(g => g.Key).ToListAsync(ct);
        problems.AddRange(unbalanced.Select(id => $"分录组 {id} 借贷不平衡"));

        var duplicates = await groups.GroupBy(g => new { g.StreetId, g.Year, g.IdempotencyKey })
            .Where(g => g.Count() > 1)
            .Select(g => g.Key).ToListAsync(ct);
        problems.AddRange(duplicates.Select(d => $"街道 {d.StreetId} {d.Year} 年幂等键重复：{d.IdempotencyKey}"));

        var sums = await postings.GroupBy(p => new { p.StreetId, p.Year, p.Source, p.Account })
            .Select(g => new { g.Key.StreetId, g.Key.Year, g.Key.Source, g.Key.Account, Fen = g.Sum(p => p.AmountFen) })
            .ToListAsync(ct);
        var shown = await db.StreetBudgetSources.AsNoTracking()
            .Where(s => db.StreetBudgets.Any(b => b.StreetId == s.StreetId && b.Year == s.Year
                && (districtId == null || b.DistrictId == districtId) && (year == null || b.Year == year)))
            .ToListAsync(ct);
        var accounts = 0;
        foreach (var line in shown)
        {
            accounts++;
            Money Sum(LedgerAccountKind account) => Money.FromFen(sums
                .Where(s => s.StreetId == line.StreetId && s.Year == line.Year && s.Source == line.Source && s.Account == account)
                .Sum(s => s.Fen));
            var allocated = -Sum(LedgerAccountKind.Appropriation);
            var available = Sum(LedgerAccountKind.Available);
            var encumbered = Sum(LedgerAccountKind.Encumbered);
            var committed = Sum(LedgerAccountKind.Committed);
            var disbursed = Sum(LedgerAccountKind.Disbursed);
            var label = $"街道 {line.StreetId} {line.Year} 年 {line.Source.Chinese()}";
            if (available != new BudgetFigures(allocated, encumbered, committed, disbursed).Available)
            {
                problems.Add($"{label}：可用 {available} + 预算占用 {encumbered} + 已承诺 {committed} + 已支付 {disbursed} ≠ 预算下达 {allocated}");
            }
            if (available.IsNegative || encumbered.IsNegative || committed.IsNegative || disbursed.IsNegative)
            {
                problems.Add($"{label}：存在负余额");
            }
            if (line.Allocated != allocated || line.Available != available || line.Encumbered != encumbered
                || line.Committed != committed || line.Disbursed != disbursed)
            {
                problems.Add($"{label}：页面余额与分录合计不一致");
            }
        }
        return new Result(await groups.CountAsync(ct), await postings.CountAsync(ct), accounts, problems);
    }
}
