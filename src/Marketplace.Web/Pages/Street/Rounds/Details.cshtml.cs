using Marketplace.Rounds;
using Marketplace.Web.Features.Rounds;
using Marketplace.Web.Infrastructure.Identity;

namespace Marketplace.Web.Pages.Street.Rounds;

/// <summary>One round of the street, run by its official (the commands are the shared organizer page's).</summary>
public sealed class DetailsModel(CurrentTenant tenant, IGrainFactory grains, TimeProvider clock) : RoundOrganizerPageModel(tenant, grains, clock)
{
    protected override RoundOrganizer? Organizer => Tenant.StreetId is { } s && Tenant.DistrictId is { } d ? new RoundOrganizer(d, s) : null;

    /// <summary>A street's round has no shares: its pool is the street's own.</summary>
    protected override Task<IReadOnlyDictionary<long, string>?> DistrictStreetsAsync() => Task.FromResult<IReadOnlyDictionary<long, string>?>(null);
}
