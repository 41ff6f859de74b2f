namespace Marketplace.Persistence;

public static class StorageNames
{
    /// <summary>The grain storage provider backed by the application database.</summary>
    public const string Marketplace = "marketplace";
}
