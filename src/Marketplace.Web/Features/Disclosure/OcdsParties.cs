using System.Text.Json.Nodes;
using Marketplace.Budgets;

namespace Marketplace.Web.Features.Disclosure;

/// <summary>
/// The parties of one process and the date each role became public: the buying street (buyer,
/// procuringEntity, payer, funder of 财政资金), one funder per other funding source, and from the award on
/// the tenderers and the supplier (also payee). A release lists only the roles known at its date.
/// </summary>
public sealed class OcdsParties
{
    /// <summary>
    /// Organizations are identified by 统一社会信用代码 (GB 32100-2015). org-id.guide registers it as
    /// "CN-USCI" (Unified Social Credit Identifier; confirmed, primary list; docs/decisions/0015).
    /// </summary>
    public const string UsccScheme = "CN-USCI";

    private readonly List<(string Id, string Name, string? Uscc, string Role, DateTimeOffset Since)> _roles = [];

    public OcdsParties(OcdsProcess p)
    {
        var buyer = _buyer = p.Buyer;
        foreach (var role in new[] { "buyer", "procuringEntity", "payer" })
        {
            _roles.Add((buyer.PartyId, buyer.Name, null, role, p.PublishedAt));
        }
        foreach (var f in p.Funding)
        {
            var (id, name) = FunderOf(f.Source);
            _roles.Add((id, name, null, "funder", p.PublishedAt));
        }
        Payer = (buyer.PartyId, buyer.Name);
        var awarded = p.Awards.Count > 0 ? p.Awards.Min(a => a.Date) : (DateTimeOffset?)null;
        foreach (var b in p.Bids?.Details ?? [])
        {
            _roles.Add((OrganizationId(b.Uscc), b.Name, b.Uscc, "tenderer", awarded ?? p.PublishedAt));
        }
        foreach (var a in p.Awards)
        {
            _roles.Add((OrganizationId(a.Uscc), a.Supplier, a.Uscc, "supplier", a.Date));
        }
        foreach (var c in p.Contracts.Where(c => c.SignedAt is not null))
        {
            _roles.Add((OrganizationId(c.Uscc), c.Supplier, c.Uscc, "payee", c.SignedAt!.Value));
        }
    }

    private readonly OcdsBuyer _buyer;

    public (string Id, string Name) Payer { get; }

    public static string OrganizationId(string uscc) => $"{UsccScheme}-{uscc}";

    public static JsonObject Reference(string id, string name) => new() { ["id"] = id, ["name"] = name };

    public JsonObject Funder(FundingSource source)
    {
        var (id, name) = FunderOf(source);
        return Reference(id, name);
    }

    /// <summary>财政资金 is the street's own budget: the street is its funder. Every other source is a funder of its own.</summary>
    private (string Id, string Name) FunderOf(FundingSource source) => source == FundingSource.Fiscal
        ? (_buyer.PartyId, _buyer.Name)
        : ($"{_buyer.PartyId}-{source.ToString().ToLowerInvariant()}", $"{_buyer.Name}（{source.Chinese()}）");

    /// <summary>The parties with the roles public at <paramref name="at"/>, in a fixed order (first seen, then id).</summary>
    public JsonArray Known(DateTimeOffset at) => new([.. _roles.Where(r => r.Since <= at)
        .GroupBy(r => r.Id)
        .Select(g =>
        {
            var first = g.First();
            var party = new JsonObject { ["id"] = first.Id, ["name"] = first.Name };
            if (first.Uscc is { } uscc)
            {
                party["identifier"] = new JsonObject { ["scheme"] = UsccScheme, ["id"] = uscc, ["legalName"] = first.Name };
            }
            party["roles"] = new JsonArray([.. g.Select(r => r.Role).Distinct().Select(r => (JsonNode)r)]);
            return (JsonNode)party;
        })]);
}
