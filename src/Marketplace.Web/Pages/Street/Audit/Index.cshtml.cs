using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Audit;
using Marketplace.Web.Infrastructure.Identity;

namespace Marketplace.Web.Pages.Street.Audit;

/// <summary>操作记录 of the official's own street only: another street's entries, even in the same district, are never read.</summary>
public sealed class IndexModel(AppDbContext db, CurrentTenant tenant) : AuditTrailPageModel(db)
{
    protected override IQueryable<AuditEntry>? Scope(IQueryable<AuditEntry> all) =>
        tenant.StreetId is { } streetId ? all.Where(e => e.StreetId == streetId) : null;
}
