using System.Text.Json;
using Marketplace.Contracts;
using Marketplace.Tests.Integration.Infrastructure;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Integration.Contracts;

/// <summary>On first run the whole contract flow shows: a contract in each state, for the street, the district, the evaluator and the public.</summary>
public abstract class DemoContractsTests(AppFixture app)
{
    private MarketplaceAppFactory Factory => app.Require();

    private const string Signed = "秣陵街道困境儿童关爱服务项目";
    private const string MidTerm = "秣陵街道高龄独居老人居家探访服务";
    private const string Rectifying = "秣陵街道社区矫正对象社会融入服务";
    private const string Excellent = "秣陵街道社区睦邻互助点运营服务";

    [SkippableFact]
    public async Task Demo_contracts_are_in_each_state_and_every_role_sees_them()
    {
        var rows = await QueryAsync(db => db.Contracts.AsNoTracking().ToDictionaryAsync(c => c.Title, c => new { c.Id, c.Status, c.FinalGrade, c.StreetId }));
        Assert.Equal(ContractStatus.Signed, rows[Signed].Status);
        Assert.Equal(ContractStatus.MidTermEvaluated, rows[MidTerm].Status);
        Assert.Equal(ContractStatus.FinalEvaluated, rows[Rectifying].Status);
        // The final evaluation failed once; its 整改 re-evaluation is open.
        var rectifying = (await Factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IContractGrain>(rows[Rectifying].Id).GetAsync())!;
        Assert.Equal(EvaluationGrade.Fail, rectifying.Evaluations.Single(e => e.TrancheNo == 3 && e.Round == 1).Grade);
        Assert.Equal((2, false), (rectifying.EvaluationOf(3)!.Round, rectifying.EvaluationOf(3)!.Decided));
        Assert.Equal((ContractStatus.Closed, EvaluationGrade.Excellent), (rows[Excellent].Status, rows[Excellent].FinalGrade!.Value));

        using var anonymous = new AppSession(Factory);
        var json = JsonDocument.Parse(await anonymous.Http.GetStringAsync($"/api/public/contracts?street={rows[Signed].StreetId}"));
        string[] Statuses(string title) => [.. json.RootElement.EnumerateArray().Single(c => c.GetProperty("contractId").GetGuid() == rows[title].Id)
            .GetProperty("tranches").EnumerateArray().Select(t => t.GetProperty("status").GetString()!)];
        Assert.Equal(["planned", "planned", "planned"], Statuses(Signed));
        Assert.Equal(["paid", "paid", "planned"], Statuses(MidTerm));
        Assert.Equal(["paid", "paid", "held"], Statuses(Rectifying));
        Assert.Equal(["paid", "paid", "paid"], Statuses(Excellent));

        using var street = await AppSession.LoginAsync(Factory, "moling");
        var list = await street.GetHtmlAsync("/Street/Contracts");
        Assert.All(new[] { Signed, MidTerm, Rectifying, Excellent }, t => Assert.Contains(t, list));
        Assert.Contains("（整改）", await street.GetHtmlAsync($"/Street/Contracts/Details/{rows[Rectifying].Id}"));
        using var agency = await AppSession.LoginAsync(Factory, "pinggu.hengxin");
        Assert.Contains(Rectifying, await agency.GetHtmlAsync("/Evaluator/Evaluations"));
        using var expert = await AppSession.LoginAsync(Factory, "pinggu.wu");
        Assert.Contains(MidTerm, await expert.GetHtmlAsync("/Evaluator/Evaluations"));
        using var ngo = await AppSession.LoginAsync(Factory, "ngo.lejia");
        Assert.Contains(Rectifying, await ngo.GetHtmlAsync("/Ngo/Contracts"));
    }

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}

public sealed class DemoContractsTests_Sqlite(SqliteApp app) : DemoContractsTests(app), IClassFixture<SqliteApp>;

public sealed class DemoContractsTests_Postgres(PostgresApp app) : DemoContractsTests(app), IClassFixture<PostgresApp>;
