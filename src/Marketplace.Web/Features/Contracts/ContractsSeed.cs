using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Budgets;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Contracts;

internal sealed record ContractUnitSeed(string Code, string Name, string UnitPrice, int Quantity);

/// <summary>One gated tranche's progress report and score sheets (服务完成度, 服务质量, 满意度, 财务规范, 档案管理).</summary>
internal sealed record ContractEvaluationSeed(
    int Tranche, int People, int Activities, int? Case, int? Event, bool Pay, string Summary,
    decimal[] Self, decimal[] Peer, decimal Public, int Sample, decimal[] Third);

internal sealed record ContractSeed(
    string State, string District, string Street, string Uscc, string Signer, string PaperNumber, string Area, int StartOffsetDays,
    string Title, string Content, string Deliverables, string Fiscal, string StreetNgoFund, string Bank, string AccountNumber,
    ContractUnitSeed[] Units, bool PaySigning, bool Assign, ContractEvaluationSeed[] Evaluations);

/// <summary>
/// Demo contracts of seed/contracts.json, one in each state a street meets (just signed; mid-term passed and
/// paid; final 不合格 in 整改; closed 优秀). They are entered from their paper records (合同补录) and then go
/// through the contract grain like any other: signatures, reports, the four sources' scores, payouts, so the
/// ledger, the read models and the notifications all follow.
/// </summary>
internal static class ContractsSeed
{
    private const string Peer = "52320115MJ5K06310Y";        // 江宁区东山街道益邻社会工作服务中心 (互评)
    private const string Agency = "pinggu.hengxin";          // 南京恒信社会组织评估中心 (第三方评, survey entry)
    private const string Expert = "pinggu.wu";
    private static readonly string[] Codes = ["completion", "quality", "satisfaction", "finance", "archives"];

    public static async Task SeedAsync(IServiceProvider sp, AppDbContext db, TimeProvider clock)
    {
        var grains = sp.GetRequiredService<IGrainFactory>();
        var today = ChinaTime.Day(clock.GetUtcNow());
        var names = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName!, u => u.DisplayName);
        foreach (var c in SeedFiles.Read<ContractSeed>("contracts.json"))
        {
            var street = await db.Streets.AsNoTracking().SingleAsync(s => s.Name == c.Street && s.District!.Name == c.District);
            var official = DemoPeople.StreetOfficial(c.District, c.Street);
            var signer = names.GetValueOrDefault(c.Signer) ?? c.Signer;
            var start = today.AddDays(c.StartOffsetDays);
            var contract = grains.GetGrain<IContractGrain>(Guid.CreateVersion7(clock.GetUtcNow()));
            ImmutableArray<SourceAmount> funding = [new(FundingSource.Fiscal, Yuan(c.Fiscal)), new(FundingSource.StreetNgoFund, Yuan(c.StreetNgoFund))];
            funding = [.. funding.Where(f => !f.Amount.IsZero)];
            var units = c.Units.Select(u => new ServiceUnit(u.Code, u.Name, Yuan(u.UnitPrice), u.Quantity)).ToImmutableArray();
            var terms = new ContractDraft(street.Id, start, ContractTerm.LastDay(start, 1), null, PaymentSchedule.Default, units);
            Check(await contract.CreateFromRecordAsync(new ContractRecord(street.Id, street.DistrictId, c.Title, c.Content, c.Deliverables, c.Uscc, c.Area,
                Money.Sum(funding.Select(f => f.Amount)), funding, terms, c.PaperNumber), official), c.Title);
            Check(await contract.SignAsStreetAsync(street.Id, official), c.Title);
            Check(await contract.SignAsOrganizationAsync(c.Uscc, new BankAccount(c.Bank, OrganizationName(await contract.GetAsync()), c.AccountNumber), signer), c.Title);
            if (c.PaySigning)
            {
                Check(await contract.PayTrancheAsync(street.Id, 1, official), c.Title);
            }
            if (c.Assign)
            {
                Check(await contract.AssignAsync(street.DistrictId, [Peer], [Agency, Expert], DemoPeople.DistrictAdmin(c.District)), c.Title);
            }
            foreach (var e in c.Evaluations)
            {
                var delivered = ImmutableDictionary<string, int>.Empty;
                delivered = e.Case is { } cases ? delivered.Add("case", cases) : delivered;
                delivered = e.Event is { } events ? delivered.Add("event", events) : delivered;
                Check(await contract.FileReportAsync(c.Uscc, new ReportDraft(e.Tranche, e.People, e.Activities, delivered, e.Summary, [], Sheet(e.Self)), signer), c.Title);
                Check(await contract.ScoreAsync(e.Tranche, EvaluationSource.Peer, Peer, Sheet(e.Peer), null), c.Title);
                Check(await contract.ScoreAsync(e.Tranche, EvaluationSource.Public, Agency,
                    ImmutableDictionary<string, decimal>.Empty.Add("satisfaction", e.Public), e.Sample), c.Title);
                // 服务完成度 of the third-party sheet is reconciled from the delivered units by the grain.
                Check(await contract.ScoreAsync(e.Tranche, EvaluationSource.ThirdParty, Agency, Sheet(e.Third), null), c.Title);
                if (e.Pay)
                {
                    Check(await contract.PayTrancheAsync(street.Id, e.Tranche, official), c.Title);
                }
            }
        }
    }

    private static string OrganizationName(ContractState? c) => c?.OrganizationName ?? "";

    private static ImmutableDictionary<string, decimal> Sheet(decimal[] scores) =>
        Codes.Zip(scores).ToImmutableDictionary(x => x.First, x => x.Second);

    private static Money Yuan(string text) => Money.FromYuan(decimal.Parse(text, CultureInfo.InvariantCulture));

    private static void Check<T>(Outcome<T> outcome, string title)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Seed contract '{title}' is invalid: {string.Join("; ", outcome.Errors.Select(e => e.Message))}");
        }
    }
}
