using Marketplace.Budgets;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Features.Budgets;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Grains.Budgets;

/// <summary>What the database must show of a street's year after concurrent ledger work: each group once and balanced, the audit clean.</summary>
internal static class LedgerAssertions
{
    /// <summary>Asserts the ledger rows of the street's year against the grain's figures; returns the posting groups.</summary>
    public static async Task<List<PostingGroupRow>> AssertWholeAsync(AppDbContext db, long street, int year, StreetBudgetSnapshot snapshot, int groupCount)
    {
        var groups = await db.PostingGroups.Where(g => g.StreetId == street && g.Year == year).ToListAsync();
        Assert.Equal(groupCount, groups.Count);
        Assert.Equal(groups.Count, groups.Select(g => g.IdempotencyKey).Distinct().Count());
        var sums = await db.Postings.Where(p => p.StreetId == street && p.Year == year)
            .GroupBy(p => p.GroupId).Select(g => g.Sum(p => p.AmountFen)).ToListAsync();
        Assert.Equal(groupCount, sums.Count);
        Assert.All(sums, s => Assert.Equal(0L, s));
        var audit = await LedgerAudit.RunAsync(db, null, year, CancellationToken.None);
        Assert.True(audit.Passed, string.Join("; ", audit.Problems));
        var row = await db.StreetBudgets.SingleAsync(b => b.StreetId == street && b.Year == year);
        Assert.Equal(snapshot.Committed, row.Committed);
        Assert.Equal(snapshot.Available, row.Available);
        return groups;
    }
}
