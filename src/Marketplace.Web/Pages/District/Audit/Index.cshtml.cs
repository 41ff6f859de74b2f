using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Audit;
using Marketplace.Web.Infrastructure.Identity;

namespace Marketplace.Web.Pages.District.Audit;

/// <summary>操作记录 of the admin's own district (its streets' entries included); no other district's is ever read.</summary>
public sealed class IndexModel(AppDbContext db, CurrentTenant tenant) : AuditTrailPageModel(db)
{
    protected override IQueryable<AuditEntry>? Scope(IQueryable<AuditEntry> all) =>
        tenant.DistrictId is { } districtId ? all.Where(e => e.DistrictId == districtId) : null;
}
