using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Rounds;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Disclosure;

/// <summary>
/// Gathers the processes of a year (budget year of the notice, service year of the round, year of the
/// contract) from the public read models and the grains' public views, copying only published fields.
/// </summary>
public static class OcdsSourceQueries
{
    public static async Task<List<OcdsProcess>> LoadAsync(AppDbContext db, IGrainFactory grains, int? year, long? district, DateTimeOffset now, CancellationToken ct)
    {
        var buyers = await BuyersAsync(db, district, ct);
        var contracts = await ContractsAsync(db, grains, year, district, ct);
        var result = new List<OcdsProcess>();

        var tenderRows = await db.Tenders.AsNoTracking()
            .Where(t => t.Status != TenderStatus.Draft && t.PublishedAt != null && (district == null || t.DistrictId == district)).ToListAsync(ct);
        var tenderIds = tenderRows.Select(t => t.Id).ToList();
        // TenderResults has rows only once the award is public (docs/decisions/0007).
        var results = (await db.TenderResults.AsNoTracking().Where(r => tenderIds.Contains(r.TenderId)).ToListAsync(ct)).ToLookup(r => r.TenderId);
        foreach (var row in tenderRows)
        {
            if (await grains.GetGrain<ITenderGrain>(row.Id).GetInfoAsync() is not { } info || (year is { } y && info.Notice.BudgetYear != y))
            {
                continue;
            }
            result.Add(FromTender(info, row.PublishedAt!.Value, buyers.Street(info.StreetId), BidsOf(info, results[row.Id]),
                [.. contracts.Where(c => c.State.RoundId is null && c.State.TenderId == info.Id).Select(c => c.Contract)], now));
        }

        foreach (var districtId in buyers.Districts)
        {
            foreach (var summary in (await grains.GetGrain<IVentureRoundListGrain>(districtId).ListAsync())
                         .Where(s => s.Status != RoundStatus.Draft && (year == null || s.Year == year)))
            {
                if (await grains.GetGrain<IVentureRoundGrain>(summary.Id).GetPublicAsync() is { } view)
                {
                    result.Add(FromRound(view, buyers, [.. contracts.Where(c => c.State.RoundId == summary.Id).Select(c => c.Contract)]));
                }
            }
        }

        var tenderSet = tenderIds.ToHashSet();
        foreach (var (state, contract) in contracts.Where(c => c.State.RoundId is null && !tenderSet.Contains(c.State.TenderId)))
        {
            result.Add(FromRecord(state, contract, buyers.Street(state.StreetId)));
        }
        return [.. result.OrderBy(p => p.Key)];
    }

    /// <summary>
    /// The bids the export publishes, from this one place for every kind of award: a scored purchase's
    /// published results (TenderResults rows, written once the award is public, 0007), a single-source
    /// decision's one negotiated offer (it has no ranking; a failed review's scores stay unpublished).
    /// Null before the award. A round publishes only its funded projects and a paper contract (合同补录) was
    /// bought offline, so neither has bids to count.
    /// </summary>
    public static OcdsBids? BidsOf(TenderInfo info, IEnumerable<TenderResultRow> published)
    {
        if (info.Award is null)
        {
            return null;
        }
        if (info.SingleSource is { } s)
        {
            return new OcdsBids(s.DecidedAt, [new OcdsBid(s.Uscc, s.OrganizationName, s.Price, true)]);
        }
        var rows = published.OrderBy(r => r.Rank ?? int.MaxValue).ThenBy(r => r.Uscc, StringComparer.Ordinal).ToList();
        return rows.Count == 0 ? null
            : new OcdsBids(info.Notice.Deadline, [.. rows.Select(r => new OcdsBid(r.Uscc, r.OrganizationName, r.Price, r.InvalidReason is null))]);
    }

    private static OcdsProcess FromTender(TenderInfo info, DateTimeOffset published, OcdsBuyer buyer, OcdsBids? bids, List<OcdsContract> contracts, DateTimeOffset now)
    {
        var n = info.Notice;
        var awards = new List<OcdsAward>();
        if (info.Award is { } a)
        {
            awards.Add(new OcdsAward(AwardId(info.Id), a.AwardedAt, a.Uscc, a.OrganizationName, a.Price, n.Title, a.PublicityEndsAt <= now));
        }
        var status = info.Status switch
        {
            TenderStatus.ReadyForContract => "complete",
            TenderStatus.Failed => "unsuccessful",
            TenderStatus.Cancelled => "cancelled",
            _ => "active",
        };
        return new OcdsProcess(info.Id, info.SingleSource is null ? OcdsKind.Tender : OcdsKind.SingleSource, buyer, n.Title, null, published,
            status, n.Ceiling, n.OpensAt, n.Deadline, n.ServiceStart, n.ServiceEnd,
            [.. n.Funding.Where(f => !f.Amount.IsZero).Select(f => new Marketplace.Budgets.SourceAmount(f.Source, f.Amount))],
            info.SingleSource is null ? [.. n.Criteria.Select(c => new OcdsCriterion(c.Name, c.Weight, c.IsPrice))] : [],
            info.SingleSource?.Reason, bids, awards, contracts);
    }

    private static OcdsProcess FromRound(RoundPublicView v, Buyers buyers, List<OcdsContract> contracts)
    {
        var i = v.Info;
        var s = i.Settings;
        var buyer = i.Organizer.StreetId is { } street ? buyers.Street(street) : buyers.District(i.Organizer.DistrictId);
        var announced = i.Publicity is { } p ? new DateTimeOffset(p.Announced.ToDateTime(TimeOnly.MinValue), ChinaTime.Offset) : (DateTimeOffset?)null;
        var awards = announced is { } at
            ? v.Funded.OrderBy(f => f.Rank).Select(f => new OcdsAward(AwardId(f.ApplicationId), at, f.Uscc, f.OrganizationName, f.Amount, f.Title,
                i.Status == RoundStatus.Contracts)).ToList()
            : [];
        var status = i.Status switch
        {
            RoundStatus.Contracts => "complete",
            RoundStatus.Cancelled => "cancelled",
            _ => "active",
        };
        // Funded projects are the only applicants a round publishes: they are its tenderers.
        return new OcdsProcess(i.Id, OcdsKind.Round, buyer, s.Title, s.Theme, s.OpensAt, status, s.Pool, s.OpensAt, s.Deadline,
            new DateOnly(s.ServiceYear, 1, 1), new DateOnly(s.ServiceYear, 12, 31), [new Marketplace.Budgets.SourceAmount(s.Source, s.Pool)],
            [.. s.Criteria.Select(c => new OcdsCriterion(c.Name, c.Weight, c.IsPrice))], null,
            null, awards, contracts);
    }

    private static OcdsProcess FromRecord(ContractState s, OcdsContract c, OcdsBuyer buyer)
    {
        var award = new OcdsAward(c.AwardId, s.CreatedAt, s.Uscc, s.OrganizationName, s.Amount, s.Title, true);
        // No description: a contract's content may carry the winning proposal's 服务方案, which is never published.
        return new OcdsProcess(s.TenderId, OcdsKind.Record, buyer, s.Title, null, s.CreatedAt,
            "complete", s.Amount, null, null, s.TermStart, s.TermEnd, [.. s.Funding.Where(f => !f.Amount.IsZero)], [], null, null, [award], [c]);
    }

    public static string AwardId(Guid id) => "award-" + id.ToString("N");

    private static async Task<List<(ContractState State, OcdsContract Contract)>> ContractsAsync(AppDbContext db, IGrainFactory grains, int? year, long? district, CancellationToken ct)
    {
        var ids = await db.Contracts.AsNoTracking()
            .Where(c => c.Status != ContractStatus.Drafted && (year == null || c.Year == year) && (district == null || c.DistrictId == district))
            .Select(c => c.Id).ToListAsync(ct);
        var list = new List<(ContractState, OcdsContract)>();
        foreach (var id in ids)
        {
            if (await grains.GetGrain<IContractGrain>(id).GetAsync() is not { Created: true } s)
            {
                continue;
            }
            var awardId = AwardId(s.RoundId is null ? s.TenderId : id);
            // Only the published parts: amounts, dates and grades. The bank account, reports and scores stay in the grain.
            list.Add((s, new OcdsContract(id, awardId, s.Title, s.Uscc, s.OrganizationName, s.Amount, s.TermStart, s.TermEnd, s.Status,
                s.OrganizationSignature?.At, [.. s.Tranches.Select(t =>
                {
                    var ev = s.EvaluationOf(t.No);
                    return new OcdsTranche(t.No, t.Gate, t.Amount, t.Status, t.Payment?.At, t.ReportDue, ev?.Grade ?? t.Grade, ev?.Total, ev?.DecidedAt);
                })])));
        }
        return list;
    }

    private static async Task<Buyers> BuyersAsync(AppDbContext db, long? district, CancellationToken ct)
    {
        var streets = await db.Streets.AsNoTracking().Where(s => district == null || s.DistrictId == district)
            .Select(s => new { s.Id, s.Name, s.DistrictId, District = s.District!.Name, s.District.City }).ToListAsync(ct);
        var districts = await db.Districts.AsNoTracking().Where(d => district == null || d.Id == district).Select(d => new { d.Id, d.Name, d.City }).ToListAsync(ct);
        return new Buyers(
            streets.ToDictionary(s => s.Id, s => new OcdsBuyer(s.Id, s.Name, s.DistrictId, s.District, s.City)),
            districts.ToDictionary(d => d.Id, d => new OcdsBuyer(null, null, d.Id, d.Name, d.City)));
    }

    private sealed record Buyers(Dictionary<long, OcdsBuyer> Streets, Dictionary<long, OcdsBuyer> DistrictsById)
    {
        public IEnumerable<long> Districts => DistrictsById.Keys.Order();
        public OcdsBuyer Street(long id) => Streets[id];
        public OcdsBuyer District(long id) => DistrictsById[id];
    }
}
