using Marketplace.Rounds;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Rounds;
using Marketplace.Web.Infrastructure.Identity;

namespace Marketplace.Web.Pages.District.Rounds;

/// <summary>One district-organized round (区级公益创投, several streets sharing the pool), run by the district admin.</summary>
public sealed class DetailsModel(CurrentTenant tenant, IGrainFactory grains, TimeProvider clock, AppDbContext db) : RoundOrganizerPageModel(tenant, grains, clock)
{
    protected override RoundOrganizer? Organizer => Tenant.DistrictId is { } d ? new RoundOrganizer(d, null) : null;

    protected override async Task<IReadOnlyDictionary<long, string>?> DistrictStreetsAsync() =>
        Tenant.DistrictId is { } d ? await DistrictStreets.OfAsync(db, d) : null;
}
