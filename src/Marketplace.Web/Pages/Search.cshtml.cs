using Marketplace.Organizations;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Catalog;
using Marketplace.Web.Features.Contracts;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Features.Rounds;
using Marketplace.Web.Features.Tendering;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages;

/// <summary>One search across everything public: streets, services, purchases, rounds, contracts and organizations, each through its own public query.</summary>
[AllowAnonymous]
public sealed class SearchModel(AppDbContext db, CatalogSnapshot catalog, IGrainFactory grains) : PageModel
{
    public const int MaxLength = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public string? Error { get; private set; }
    public List<(long Id, string Name, string District)> Streets { get; private set; } = [];
    public CatalogQueries.Page? Services { get; private set; }
    public PublicTenderQueries.Result? Tenders { get; private set; }
    public List<PublicRoundsApi.RoundDto> Rounds { get; private set; } = [];
    public List<PublicContractsApi.ContractDto> Contracts { get; private set; } = [];
    public DirectoryQueries.Page? Organizations { get; private set; }

    public int Total => Streets.Count + (Services?.Total ?? 0) + (Tenders?.Total ?? 0) + Rounds.Count + Contracts.Count + (Organizations?.Total ?? 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = Q?.Trim();
        if (string.IsNullOrEmpty(q))
        {
            return;
        }
        if (q.Length > MaxLength)
        {
            Error = $"搜索词不超过 {MaxLength} 个字";
            return;
        }
        Streets = [.. (await db.Streets.AsNoTracking().Where(s => s.Name.Contains(q) || s.District!.Name.Contains(q))
            .Select(s => new { s.Id, s.Name, District = s.District!.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Name, s.District))];
        Services = await CatalogQueries.SearchPublishedAsync(catalog, null, null, q, 1, ct);
        Tenders = await PublicTenderQueries.SearchAsync(db, new PublicTenderQueries.Filter(q, null, null, null, null, 1), ct);
        Rounds = [.. (await PublicRoundsApi.QueryAsync(db, grains, null, null, ct))
            .Where(r => r.Title.Contains(q, StringComparison.Ordinal) || r.Funded.Any(f => f.Project.Contains(q, StringComparison.Ordinal) || f.Organization.Contains(q, StringComparison.Ordinal)))];
        Contracts = [.. (await PublicContractsApi.QueryAsync(db, null, null, null, ct))
            .Where(c => c.Title.Contains(q, StringComparison.Ordinal) || c.Organization.Contains(q, StringComparison.Ordinal) || c.Street.Contains(q, StringComparison.Ordinal))];
        Organizations = await DirectoryQueries.SearchAsync(db, new DirectoryQueries.Filter { Status = DirectoryStatus.Admitted, Q = q }, 1, ct);
    }
}
