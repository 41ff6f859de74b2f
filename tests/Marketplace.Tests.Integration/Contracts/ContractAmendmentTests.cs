using System.Text.RegularExpressions;
using Marketplace.Contracts;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Tests.Integration.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Contracts;

/// <summary>合同变更 through the page: refusals beside their fields with nothing written; numbered versions with who, when and why.</summary>
public abstract partial class ContractAmendmentTests(TenderApp app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private static string Amend(Guid id) => $"/Street/Contracts/Amend/{id}";

    [GeneratedRegex("""id="amount-error"[^>]*>(?:<span[^>]*>)?(?<m>[^<]*)""")]
    private static partial Regex AmountError();

    [SkippableFact]
    public async Task An_amendment_above_what_is_available_is_refused_beside_the_amount_and_the_history_shows_each_version()
    {
        var (id, streetId) = await ContractFlow.SignedAsync(Factory, app.Clock, "合同变更测试 居家养老上门服务");
        var contract = Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IContractGrain>(id);
        var before = (await contract.GetAsync())!;
        var groups = await QueryAsync(db => db.PostingGroups.CountAsync(g => g.StreetId == streetId));
        using var official = await AppSession.LoginAsync(Factory, "dongshan");
        Dictionary<string, string> Form(string amount, DateOnly end) => new()
        {
            ["Amount"] = amount, ["TermEnd"] = end.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Reason"] = "服务对象增加，追加个案服务数量", ["Version"] = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        var above = await official.PostFormAsync(Amend(id), Form("900000000.00", before.TermEnd));
        var html = await above.Content.ReadAsStringAsync();
        Assert.Matches("可用余额不足，差 ¥", AmountError().Match(html).Groups["m"].Value);
        var fourYears = await official.PostFormAsync(Amend(id), Form("260000.00", ContractTerm.LastDay(before.TermStart, 4)));
        Assert.Contains("服务期限不能超过3年", await fourYears.Content.ReadAsStringAsync());
        // Nothing written: same version, amount and history; no posting.
        var unchanged = (await contract.GetAsync())!;
        Assert.Equal((before.Version, before.Amount, before.Amendments.Length), (unchanged.Version, unchanged.Amount, unchanged.Amendments.Length));
        Assert.Equal(groups, await QueryAsync(db => db.PostingGroups.CountAsync(g => g.StreetId == streetId)));

        await TenderForms.AssertRedirectAsync(await official.PostFormAsync(Amend(id), Form("290000.00", before.TermEnd)));
        var page = await official.GetHtmlAsync(Amend(id));
        Assert.Contains("第2版", page);
        Assert.Contains("金额 ¥260,000.00 → ¥290,000.00", page);
        Assert.Contains("服务对象增加，追加个案服务数量", page);
        Assert.Contains("贰拾玖万元整", page);
        Assert.Equal(groups + 1, await QueryAsync(db => db.PostingGroups.CountAsync(g => g.StreetId == streetId)));

        // A second form still carrying the old version is refused at the top: someone changed the contract meanwhile.
        var stale = await official.PostFormAsync(Amend(id), Form("300000.00", before.TermEnd));
        Assert.Contains("合同已被他人修改，请刷新页面后重试", await stale.Content.ReadAsStringAsync());

        using var other = await AppSession.LoginAsync(Factory, "moling");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await other.GetAsync(Amend(id))).StatusCode);
    }

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

public sealed class ContractAmendmentTests_Sqlite(SqliteTenderApp app) : ContractAmendmentTests(app), IClassFixture<SqliteTenderApp>;

public sealed class ContractAmendmentTests_Postgres(PostgresTenderApp app) : ContractAmendmentTests(app), IClassFixture<PostgresTenderApp>;
