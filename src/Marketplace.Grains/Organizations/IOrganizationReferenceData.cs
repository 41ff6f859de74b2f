namespace Marketplace.Organizations;

/// <summary>Reference data the organization rules check against, kept by the web host's database.</summary>
public interface IOrganizationReferenceData
{
    Task<IReadOnlySet<string>> ServiceAreaCodesAsync();

    Task<bool> DistrictExistsAsync(long districtId);

    Task<bool> StreetInDistrictAsync(long streetId, long districtId);

    /// <summary>The incubation base's name, or null when there is no such base.</summary>
    Task<string?> IncubationBaseNameAsync(long baseId);
}
