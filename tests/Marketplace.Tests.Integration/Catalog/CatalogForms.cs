using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Catalog;

/// <summary>Filling in and reading back the transfer-item form as a street official does.</summary>
internal static class CatalogForms
{
    public static List<KeyValuePair<string, string>> Item(
        string title, string budget = "123456.78", string nature = "Service", string guiding = "A0101",
        string content = "为辖区独居老人提供上门探访与生活照料服务。", params string[] providers)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Title", title),
            new("Input.Content", content),
            new("Input.Requirements", "配备持证社工不少于2名，按月报送服务台账。"),
            new("Input.Materials", "服务方案"),
            new("Input.GuidingEntryCode", guiding),
            new("Input.ReferenceBudget", budget),
            new("Input.Nature", nature),
            new("Input.Version", "0"),
        };
        fields.AddRange((providers.Length == 0 ? ["SocialWorkAgency", "SocialServiceAgency"] : providers)
            .Select(p => new KeyValuePair<string, string>("Input.ProviderTypes", p)));
        return fields;
    }

    public static async Task<(Guid Id, int Version)> CreateAsync(AppSession official, string title)
    {
        var response = await official.PostFormAsync("/Street/Catalog/Edit", Item(title));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return await FindAsync(official.Factory, title) ?? throw new InvalidOperationException("Item was not saved.");
    }

    public static async Task PublishAsync(AppSession official, Guid id, int version)
    {
        var response = await official.PostFormAsync("/Street/Catalog", [],
            $"/Street/Catalog?handler=Publish&id={id}&version={version}");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }

    public static async Task<(Guid Id, int Version)?> FindAsync(MarketplaceAppFactory factory, string title)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.TransferItems.AsNoTracking().Where(i => i.Title == title).Select(i => new { i.Id, i.Version }).SingleOrDefaultAsync();
        return row is null ? null : (row.Id, row.Version);
    }

    public static async Task<int> CountAsync(MarketplaceAppFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().TransferItems.CountAsync();
    }

    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];
}
