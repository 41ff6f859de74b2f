using Marketplace.Contracts;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Organizations;

/// <summary>星级评定 and 优秀 priority of organizations, from the final grades of their contracts (rule: Domain StarRating).</summary>
public static class OrganizationRatings
{
    public sealed record Rating(int? Stars, bool Priority);

    public static readonly Rating None = new(null, false);

    public static async Task<Dictionary<string, Rating>> ForAsync(AppDbContext db, IReadOnlyCollection<string> usccs, CancellationToken ct)
    {
        var finals = await db.Contracts.AsNoTracking()
            .Where(c => usccs.Contains(c.Uscc) && c.FinalGrade != null && c.FinalGradedAt != null)
            .Select(c => new { c.Uscc, Grade = c.FinalGrade!.Value, c.FinalGradedAt }).ToListAsync(ct);
        // Ordered in memory: SQLite cannot order by a DateTimeOffset column.
        return finals.GroupBy(f => f.Uscc).ToDictionary(g => g.Key, g =>
        {
            var grades = g.OrderBy(f => f.FinalGradedAt).Select(f => f.Grade).ToList();
            return new Rating(StarRating.Stars(grades), StarRating.Priority(grades));
        });
    }
}
