using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.GrainStorage;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Tendering;

/// <summary>
/// Mirrors a tender grain's notice, outcome and notifications. Applications are never copied: before
/// the award nothing here depends on them, and after it only totals and ranks are (SPEC §3.10).
/// </summary>
public sealed class TenderProjection : GrainStateProjection<TenderState>
{
    protected override async Task ProjectAsync(AppDbContext db, GrainId grainId, TenderState state, CancellationToken ct)
    {
        if (!state.Created)
        {
            return;
        }
        var id = grainId.GetGuidKey();
        var row = await db.Tenders.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (row is null)
        {
            row = new TenderRow { Id = id, Title = "", ExpertField = "", StreetId = state.StreetId, DistrictId = state.DistrictId };
            db.Tenders.Add(row);
        }
        var n = state.Notice!;
        // Times are stored in UTC: PostgreSQL's timestamptz accepts no other offset.
        row.TransferItemId = n.TransferItemId;
        row.Title = n.Title;
        row.Method = n.Method;
        row.Ceiling = n.Ceiling;
        row.Status = state.Status;
        row.ExpertField = n.ExpertField;
        row.OpensAt = n.OpensAt.ToUniversalTime();
        row.Deadline = n.Deadline.ToUniversalTime();
        row.PublishedAt = state.PublishedAt?.ToUniversalTime();
        row.ClosedAt = state.ClosedAt?.ToUniversalTime();
        row.EndReason = state.EndReason;
        row.AwardedUscc = state.Award?.Uscc;
        row.AwardedName = state.Award?.OrganizationName;
        row.AwardedPrice = state.Award?.Price;
        row.PublicityEndsAt = state.Award?.PublicityEndsAt.ToUniversalTime();
        row.AwardedAt = state.Award?.AwardedAt.ToUniversalTime();
        row.Version = state.Version;
        row.SingleSourceReason = state.SingleSource?.Reason;
        row.Criteria = PublishedCriterion.Of(n.Criteria);

        // A single-source award has no ranking to publish (a failed review's scores stay unpublished).
        if (state.Award is not null && state.SingleSource is null && !await db.TenderResults.AnyAsync(r => r.TenderId == id, ct))
        {
            db.TenderResults.AddRange(state.Results.Select(r => new TenderResultRow
            {
                TenderId = id, Uscc = r.ApplicantId, OrganizationName = state.Applications[r.ApplicantId].OrganizationName,
                Price = r.Price, Total = r.Total, Rank = r.Rank, InvalidReason = r.InvalidReason,
            }));
        }

        var known = (await db.Notifications.Where(x => x.TenderId == id).Select(x => x.Id).ToListAsync(ct)).ToHashSet();
        db.Notifications.AddRange(state.Notifications.Where(x => !known.Contains(x.Id)).Select(x => new NotificationRow
        {
            Id = x.Id, TenderId = id, Recipient = x.Recipient.Key, Text = x.Text, CreatedAt = x.At.ToUniversalTime(),
        }));
    }
}
