namespace Marketplace.Catalog;

/// <summary>Reference data the catalog rules read (service areas, the district guiding catalogue).</summary>
public interface ICatalogReferenceData
{
    Task<IReadOnlySet<string>> ServiceAreaCodesAsync();

    /// <summary>Whether the street's district guiding catalogue (指导性目录) has an active entry with this code.</summary>
    Task<bool> GuidingEntryExistsAsync(long streetId, string code);
}
