using Marketplace.Budgets;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.GrainStorage;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Budgets;

/// <summary>
/// Mirrors a street budget grain into the relational ledger: appends the posting groups not yet there
/// (never updates or deletes one) and refreshes the year's balances, in the grain write's transaction.
/// </summary>
public sealed class StreetBudgetProjection : GrainStateProjection<StreetBudgetState>
{
    protected override async Task ProjectAsync(AppDbContext db, GrainId grainId, StreetBudgetState state, CancellationToken ct)
    {
        var key = grainId.Key.ToString()!;
        if (!StreetBudgetKey.TryParse(key, out var streetId, out var year))
        {
            throw new InvalidOperationException($"Not a street budget key: {key}");
        }
        var districtId = await db.Streets.Where(s => s.Id == streetId).Select(s => s.DistrictId).SingleAsync(ct);
        if (state.Budget is not { } budget)
        {
            return;
        }
        await ProjectBalancesAsync(db, streetId, year, districtId, budget, state, ct);
        var posted = await db.PostingGroups.Where(g => g.StreetId == streetId && g.Year == year)
            .MaxAsync(g => (int?)g.Sequence, ct) ?? 0;
        foreach (var g in state.Groups.Where(g => g.Sequence > posted))
        {
            db.PostingGroups.Add(new PostingGroupRow
            {
                Id = g.Id, StreetId = streetId, Year = year, DistrictId = districtId, Sequence = g.Sequence, Kind = g.Kind,
                IdempotencyKey = g.IdempotencyKey, Reason = g.Reason, UserName = g.User,
                DocumentType = g.Document.Type, DocumentId = g.Document.Id,
                CommitmentType = g.Commitment?.Type, CommitmentId = g.Commitment?.Id,
                EncumbranceType = g.Encumbrance?.Type, EncumbranceId = g.Encumbrance?.Id,
                ServiceAreaCode = g.ServiceAreaCode, Reverses = g.Reverses, CreatedAt = g.At,
            });
            db.Postings.AddRange(g.Postings.Select((p, i) => new PostingRow
            {
                GroupId = g.Id, StreetId = streetId, Year = year, Sequence = g.Sequence, Line = i + 1,
                Source = p.Source, Account = p.Account, AmountFen = p.Amount.Fen, ServiceAreaCode = g.ServiceAreaCode,
            }));
        }
    }

    private static async Task ProjectBalancesAsync(AppDbContext db, long streetId, int year, long districtId,
        AnnualBudget budget, StreetBudgetState state, CancellationToken ct)
    {
        var book = new LedgerBook(state.Groups);
        var row = await db.StreetBudgets.SingleOrDefaultAsync(b => b.StreetId == streetId && b.Year == year, ct);
        if (row is null)
        {
            row = new StreetBudgetRow { StreetId = streetId, Year = year, DistrictId = districtId, EnteredBy = "", Note = "" };
            db.StreetBudgets.Add(row);
        }
        row.Status = budget.Status;
        row.Version = budget.Version;
        row.Planned = budget.Entry.Total;
        row.EnteredBy = budget.EnteredBy;
        row.EnteredAt = budget.EnteredAt;
        row.ConfirmedBy = budget.ConfirmedBy;
        row.ConfirmedAt = budget.ConfirmedAt;
        row.Note = budget.Entry.Note;
        var lines = await db.StreetBudgetSources.Where(s => s.StreetId == streetId && s.Year == year)
            .ToDictionaryAsync(s => s.Source, ct);
        foreach (var source in FundingSources.All)
        {
            if (!lines.TryGetValue(source, out var line))
            {
                line = new StreetBudgetSourceRow { StreetId = streetId, Year = year, Source = source };
                db.StreetBudgetSources.Add(line);
                lines[source] = line;
            }
            line.Planned = budget.Entry.Lines.FirstOrDefault(l => l.Source == source)?.Amount ?? Domain.Money.Zero;
            var f = book.Figures(source);
            line.Allocated = f.Allocated;
            line.Encumbered = f.Encumbered;
            line.Committed = f.Committed;
            line.Disbursed = f.Disbursed;
            line.Available = f.Available;
        }
        var total = BudgetFigures.Sum(lines.Values.Select(l => l.Figures));
        row.Allocated = total.Allocated;
        row.Encumbered = total.Encumbered;
        row.Committed = total.Committed;
        row.Disbursed = total.Disbursed;
        row.Available = total.Available;
    }
}
