using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Tests.Integration.Contracts;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Disclosure;

/// <summary>A 东山街道 notice, optionally with a sealed application, closed and decided single-source to 启明: its 公示 running.</summary>
internal static class PublicityFlow
{
    public static async Task<(Guid Id, DateOnly LastDay)> InPublicityAsync(MarketplaceAppFactory factory, MovableClock clock, string title, string? plan = null)
    {
        using var official = await AppSession.LoginAsync(factory, "dongshan");
        var id = await TenderForms.PublishAsync(official, clock.GetUtcNow(), title);
        if (plan is not null)
        {
            using var lejia = await AppSession.LoginAsync(factory, "ngo.lejia");
            await TenderForms.AssertRedirectAsync(await TenderForms.ApplyAsync(lejia, id, "280000", plan));
        }
        var grain = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ITenderGrain>(id);
        clock.Advance((await grain.GetInfoAsync())!.Notice.Deadline - clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        await grain.CloseAsync();
        var switched = await grain.SwitchToSingleSourceAsync(ContractFlow.Qiming, Money.FromYuan(260_000m),
            "该服务须与街道既有的居家养老信息平台对接，只能从唯一供应商处采购", "dongshan");
        Assert.True(switched.Succeeded, switched.Errors.IsDefaultOrEmpty ? "" : switched.Errors[0].Message);
        return (id, switched.Value!.Award!.PublicityLastDay());
    }
}
