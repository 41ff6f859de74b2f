using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Shared;

/// <summary>What the 第三方评 and 互评 pages share: the contracts assigned to the scorer, and an indicator sheet parsed from the form.</summary>
public static class AssignedEvaluations
{
    /// <summary>The contracts the district assigned to <paramref name="principal"/> in <paramref name="role"/>, newest first.</summary>
    public static Task<List<ContractRow>> AssignedAsync(AppDbContext db, string role, string principal, CancellationToken ct)
    {
        var assigned = db.ContractAssignments.Where(a => a.Role == role && a.Principal == principal).Select(a => a.ContractId);
        return db.Contracts.AsNoTracking().Where(c => assigned.Contains(c.Id)).OrderByDescending(c => c.CreatedAt).ToListAsync(ct);
    }

    /// <summary>
    /// Each indicator's typed score; a missing or non-numeric one is refused beside its field, except those
    /// <paramref name="reconciled"/> from delivered units (entered as 0, the grain computes them).
    /// </summary>
    public static ImmutableDictionary<string, decimal> Parse(SourceSheet sheet, IReadOnlyDictionary<string, string?> typed,
        ImmutableArray<FieldError>.Builder errors, Func<Indicator, bool>? reconciled = null)
    {
        var scores = ImmutableDictionary.CreateBuilder<string, decimal>();
        foreach (var i in sheet.Indicators)
        {
            if (decimal.TryParse(typed.GetValueOrDefault(i.Code), NumberStyles.Number, CultureInfo.InvariantCulture, out var s))
            {
                scores[i.Code] = s;
            }
            else if (reconciled?.Invoke(i) == true)
            {
                scores[i.Code] = 0m;
            }
            else
            {
                errors.Add(new(i.Code, $"请为“{i.Name}”打分（数字）"));
            }
        }
        return scores.ToImmutable();
    }
}
