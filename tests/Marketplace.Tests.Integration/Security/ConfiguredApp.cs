using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Security;

/// <summary>A host of its own with settings of its own (low limits, HTTPS on), test client addresses honoured.</summary>
public abstract class ConfiguredApp(IReadOnlyDictionary<string, string?> settings, bool kestrel = false) : IAsyncLifetime
{
    public MarketplaceAppFactory Factory { get; private set; } = null!;

    public virtual Task InitializeAsync()
    {
        Factory = new MarketplaceAppFactory(TestDatabase.Create(DatabaseTarget.Sqlite), settings, ClientAddressFilter.AddTo);
        if (kestrel)
        {
            Factory.UseKestrel(0);
            Factory.StartServer();
        }
        else
        {
            _ = Factory.Server;
        }
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Factory.Database.Dispose();
    }
}

/// <summary>What the security tests do as people: act from a client address, have an account of their own.</summary>
internal static class SecurityClients
{
    /// <summary>A browser on the network with this address (see <see cref="ClientAddressFilter"/>).</summary>
    public static AppSession From(MarketplaceAppFactory factory, string address)
    {
        var session = new AppSession(factory);
        session.Http.DefaultRequestHeaders.Add(ClientAddressFilter.Header, address);
        return session;
    }

    /// <summary>A fresh account, so what a test does to it (lock, sign out everywhere) touches no other test.</summary>
    public static async Task<string> NewUserAsync(MarketplaceAppFactory factory, string password, string role, long? districtId = 1, long? streetId = null)
    {
        var userName = "u" + Guid.NewGuid().ToString("N")[..10];
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = userName, DisplayName = "测试账号", DistrictId = districtId, StreetId = streetId };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return userName;
    }
}
