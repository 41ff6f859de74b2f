using System.Globalization;
using System.Text.Json.Nodes;
using Marketplace.Budgets;
using Marketplace.Contracts;
using Marketplace.Domain;

namespace Marketplace.Web.Features.Disclosure;

/// <summary>
/// Maps one contracting process to its OCDS 1.1.5 releases (docs/decisions/0015). Pure: the same process and
/// the same clock give the same releases, field for field, so the export is byte-stable. One release per
/// step the public saw: planning + tender when published, award when decided, contract when signed, one
/// implementation release per day a tranche was paid or an evaluation decided (cumulative).
/// </summary>
public static class OcdsMapper
{
    public const string Currency = "CNY";

    public static string Ocid(string prefix, OcdsProcess p) => prefix + p.Key.ToString("N");

    public static List<JsonObject> Releases(OcdsProcess p, string prefix, DateTimeOffset now)
    {
        var ocid = Ocid(prefix, p);
        var parties = new OcdsParties(p);
        var releases = new List<JsonObject>
        {
            Release(ocid, ocid + "-tender", p.PublishedAt, ["planning", "tender"], parties.Known(p.PublishedAt), p, r =>
            {
                r["planning"] = new JsonObject { ["budget"] = Budget(p, parties) };
                r["tender"] = Tender(p, parties);
            }),
        };
        if (p.Awards.Count > 0)
        {
            var at = p.Awards.Min(a => a.Date);
            var bids = Shown(p, now);
            releases.Add(Release(ocid, ocid + "-award", at, ["award"], parties.Known(at), p, r =>
            {
                r["tender"] = TenderOutcome(p, bids);
                r["awards"] = new JsonArray([.. p.Awards.Select(a => Award(a, bids))]);
                if (bids is not null)
                {
                    r["bids"] = Bids(bids);
                }
            }));
        }
        foreach (var c in p.Contracts.Where(c => c.SignedAt is not null))
        {
            releases.Add(Release(ocid, $"{ocid}-contract-{c.Id:N}", c.SignedAt!.Value, ["contract"], parties.Known(c.SignedAt.Value), p,
                r => r["contracts"] = new JsonArray(Contract(c, parties, null))));
            var days = c.Tranches.SelectMany(t => new[] { t.PaidAt, t.GradedAt }).OfType<DateTimeOffset>().Distinct().Order().ToList();
            for (var i = 0; i < days.Count; i++)
            {
                var upTo = days[i];
                releases.Add(Release(ocid, $"{ocid}-implementation-{c.Id:N}-{i + 1}", upTo, ["implementation"], parties.Known(upTo), p,
                    r => r["contracts"] = new JsonArray(Contract(c, parties, upTo))));
            }
        }
        // By date to the second as written, keeping the process's own order within a second (tender, award, contract, implementation).
        return [.. releases.OrderBy(r => (string)r["date"]!, StringComparer.Ordinal)];
    }

    private static JsonObject Release(string ocid, string id, DateTimeOffset date, string[] tags, JsonArray parties, OcdsProcess p, Action<JsonObject> fill)
    {
        var r = new JsonObject
        {
            ["ocid"] = ocid, ["id"] = id, ["date"] = OcdsJson.Date(date), ["tag"] = new JsonArray([.. tags.Select(t => (JsonNode)t)]),
            ["initiationType"] = "tender", ["language"] = "zh",
            ["parties"] = parties,
            ["buyer"] = OcdsParties.Reference(p.Buyer.PartyId, p.Buyer.Name),
        };
        fill(r);
        return r;
    }

    private static JsonObject Value(Money m) => new() { ["amount"] = m.Yuan, ["currency"] = Currency };

    private static JsonObject Budget(OcdsProcess p, OcdsParties parties) => new()
    {
        ["id"] = "budget-" + p.Key.ToString("N"),
        ["description"] = $"{p.Buyer.Name} 预算年度资金：" + string.Join("，", p.Funding.Select(f => $"{f.Source.Chinese()} {MoneyFormat.Number(f.Amount)} 元")),
        ["amount"] = Value(p.Value),
        // Budget breakdown extension: one line per funding source, its funder as the source party.
        ["budgetBreakdown"] = new JsonArray([.. p.Funding.Select(f => (JsonNode)new JsonObject
        {
            ["id"] = f.Source.ToString(), ["description"] = f.Source.Chinese(), ["amount"] = Value(f.Amount),
            ["sourceParty"] = parties.Funder(f.Source),
        })]),
    };

    private static JsonObject Tender(OcdsProcess p, OcdsParties parties)
    {
        var t = new JsonObject
        {
            ["id"] = p.Key.ToString("N"), ["title"] = p.Title, ["status"] = p.TenderStatus,
            ["procuringEntity"] = OcdsParties.Reference(p.Buyer.PartyId, p.Buyer.Name),
            ["value"] = Value(p.Value), ["mainProcurementCategory"] = "services",
        };
        if (p.Description is not null)
        {
            t["description"] = p.Description;
        }
        (string? method, string details) = p.Kind switch
        {
            OcdsKind.Tender => ("open", "公开竞争（综合评分法）"),
            OcdsKind.SingleSource => ("direct", "单一来源采购：" + p.MethodReason),
            OcdsKind.Round => ("open", "公益创投（公开申报、专家评审、择优立项）"),
            _ => (null, "合同补录：线下采购并签订的合同，在本平台管理履约、评估和付款"),
        };
        if (method is not null)
        {
            t["procurementMethod"] = method;
            t["submissionMethod"] = new JsonArray("electronicSubmission");
        }
        t["procurementMethodDetails"] = details;
        if (p.Criteria.Count > 0)
        {
            // 综合评分法 weighs price with quality: ratedCriteria; a round scores quality only.
            t["awardCriteria"] = p.Criteria.Any(c => c.IsPrice) ? "ratedCriteria" : "qualityOnly";
            t["awardCriteriaDetails"] = string.Join("；", p.Criteria.Select(c =>
                $"{c.Name} {c.Weight.ToString("0.##", CultureInfo.InvariantCulture)}分" + (c.IsPrice ? "（价格分）" : "")));
        }
        if (p.OpensAt is { } opens && p.Deadline is { } deadline)
        {
            t["tenderPeriod"] = new JsonObject { ["startDate"] = OcdsJson.Date(opens), ["endDate"] = OcdsJson.Date(deadline) };
        }
        if (p.ServiceStart is { } start && p.ServiceEnd is { } end)
        {
            t["contractPeriod"] = OcdsJson.Period(start, end);
        }
        return t;
    }

    /// <summary>
    /// The bids when they may be shown: only once the deadline has passed and the results are public
    /// (sealed before, docs/decisions/0007). Tenderers, bid statistics and bid details all come from here.
    /// </summary>
    private static OcdsBids? Shown(OcdsProcess p, DateTimeOffset now) =>
        p.Bids is { Details.Count: > 0 } bids && bids.At <= now && p.Deadline is { } deadline && deadline <= now ? bids : null;

    private static JsonObject TenderOutcome(OcdsProcess p, OcdsBids? bids)
    {
        var t = new JsonObject { ["id"] = p.Key.ToString("N"), ["status"] = p.TenderStatus };
        if (bids is not null)
        {
            t["numberOfTenderers"] = bids.Details.Count;
            t["tenderers"] = new JsonArray([.. bids.Details.Select(b => (JsonNode)Tenderer(b))]);
        }
        return t;
    }

    private static JsonObject Tenderer(OcdsBid b) => OcdsParties.Reference(OcdsParties.OrganizationId(b.Uscc), b.Name);

    /// <summary>One bid per organization in a process (TenderResults keys a result by tender and USCC), so the bid's id is the organization's.</summary>
    private static string BidId(string uscc) => "bid-" + uscc;

    /// <summary>Bids extension: how many were received and valid when counted, and each bid's price and standing (no proposal).</summary>
    private static JsonObject Bids(OcdsBids bids) => new()
    {
        ["statistics"] = new JsonArray(
            new JsonObject { ["id"] = "bids", ["measure"] = "bids", ["date"] = OcdsJson.Date(bids.At), ["value"] = bids.Details.Count },
            new JsonObject { ["id"] = "validBids", ["measure"] = "validBids", ["date"] = OcdsJson.Date(bids.At), ["value"] = bids.ValidCount }),
        ["details"] = new JsonArray([.. bids.Details.Select(b => (JsonNode)new JsonObject
        {
            ["id"] = BidId(b.Uscc), ["status"] = b.Valid ? "valid" : "disqualified",
            ["tenderers"] = new JsonArray(Tenderer(b)), ["value"] = Value(b.Value),
        })]),
    };

    private static JsonNode Award(OcdsAward a, OcdsBids? bids)
    {
        var o = new JsonObject
        {
            ["id"] = a.Id, ["title"] = a.Title, ["date"] = OcdsJson.Date(a.Date),
            // Pending while 公示 runs (objections may still change it), active once it is over.
            ["status"] = a.PublicityOver ? "active" : "pending",
            ["value"] = Value(a.Value),
            ["suppliers"] = new JsonArray(OcdsParties.Reference(OcdsParties.OrganizationId(a.Uscc), a.Supplier)),
        };
        if (bids?.Details.Any(b => b.Uscc == a.Uscc) == true)
        {
            o["relatedBids"] = new JsonArray(BidId(a.Uscc));
        }
        return o;
    }

    /// <summary>The contract as of <paramref name="upTo"/>: null for the signing release (no implementation yet).</summary>
    private static JsonObject Contract(OcdsContract c, OcdsParties parties, DateTimeOffset? upTo)
    {
        var o = new JsonObject
        {
            ["id"] = c.Id.ToString("N"), ["awardID"] = c.AwardId, ["title"] = c.Title,
            ["status"] = Status(c.Status), ["period"] = OcdsJson.Period(c.TermStart, c.TermEnd), ["value"] = Value(c.Value),
        };
        if (c.SignedAt is { } signed)
        {
            o["dateSigned"] = OcdsJson.Date(signed);
        }
        if (upTo is not { } until)
        {
            return o;
        }
        var payer = OcdsParties.Reference(parties.Payer.Id, parties.Payer.Name);
        var payee = OcdsParties.Reference(OcdsParties.OrganizationId(c.Uscc), c.Supplier);
        o["implementation"] = new JsonObject
        {
            // Every disbursed tranche (兑现) is a transaction from the street to the organization.
            ["transactions"] = new JsonArray([.. c.Tranches.Where(t => t.PaidAt is { } paid && paid <= until).Select(t => (JsonNode)new JsonObject
            {
                ["id"] = $"{c.Id:N}-{t.No}", ["date"] = OcdsJson.Date(t.PaidAt!.Value), ["value"] = Value(t.Amount),
                ["payer"] = payer.DeepClone(), ["payee"] = payee.DeepClone(),
            })]),
            // Each gated tranche is a payment milestone: met when its evaluation passed, not met when it failed.
            ["milestones"] = new JsonArray([.. c.Tranches.Where(t => t.Gate != TrancheGate.Signing).Select(t => Milestone(c, t, until))]),
        };
        return o;
    }

    private static JsonNode Milestone(OcdsContract c, OcdsTranche t, DateTimeOffset until)
    {
        var decided = t.GradedAt is { } at && at <= until && t.Grade is not null;
        var m = new JsonObject
        {
            ["id"] = $"{c.Id:N}-evaluation-{t.No}",
            ["title"] = (t.Gate == TrancheGate.MidTerm ? "中期评估" : "末期评估") + $"（第{t.No}期付款）",
            ["type"] = "payment",
            ["status"] = !decided ? "scheduled" : t.Grade == EvaluationGrade.Fail ? "notMet" : "met",
        };
        if (t.ReportDue is { } due)
        {
            m["dueDate"] = OcdsJson.Date(due, endOfDay: true);
        }
        if (decided)
        {
            m["dateModified"] = OcdsJson.Date(t.GradedAt!.Value);
            m["description"] = $"评估等级：{t.Grade!.Value.Chinese()}" + (t.Total is { } total ? $"（{total.ToString("0.00", CultureInfo.InvariantCulture)}分）" : "");
            if (t.Grade != EvaluationGrade.Fail)
            {
                m["dateMet"] = OcdsJson.Date(t.GradedAt!.Value);
            }
        }
        return m;
    }

    private static string Status(ContractStatus s) => s switch
    {
        ContractStatus.Drafted => "pending",
        ContractStatus.Closed or ContractStatus.Terminated => "terminated",
        _ => "active",
    };
}
