using Marketplace.Domain;
using Marketplace.Reports.Models;
using Marketplace.Rounds;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Rounds;

/// <summary>The 立项公示 PDF and the selection .xlsx of a round, from the grain's published view (立项公示 onwards only).</summary>
public static class RoundPublicityDocuments
{
    public static async Task<RoundPublicityModel?> ModelAsync(AppDbContext db, IGrainFactory grains, Guid id, CancellationToken ct)
    {
        if (await grains.GetGrain<IVentureRoundGrain>(id).GetPublicAsync() is not { Info.Publicity: { } period } view
            || view.Info.Status is not (RoundStatus.Publicity or RoundStatus.Contracts))
        {
            return null;
        }
        var i = view.Info;
        var district = await db.Districts.AsNoTracking().Where(d => d.Id == i.Organizer.DistrictId).Select(d => new { d.City, d.Name }).SingleAsync(ct);
        var street = i.Organizer.StreetId is { } s
            ? await db.Streets.AsNoTracking().Where(x => x.Id == s).Select(x => x.Name).SingleAsync(ct)
            : null;
        // A street round is published by the street's 办事处; a district round for several streets by the district's 民政局.
        var unit = street is null ? district.Name + "民政局" : street + "办事处";
        var organizer = district.City + (street is null ? unit : district.Name + unit);
        return new RoundPublicityModel(i.Settings.Title, organizer, unit,
            i.Settings.Pool, i.Settings.Cap, i.Settings.MinScore,
            [.. view.Funded.Select(f => new RoundPublicityLine(f.Rank, f.Title, f.Category, f.OrganizationName, f.Uscc, f.Amount, f.Score, f.AdjustmentReason))],
            [.. view.Experts], period.FirstDay, period.LastDay, period.WorkingDays, period.Announced)
        {
            Contact = unit + "（在本平台“公益创投”中该创投页面提出异议）",
        };
    }
}
