using Marketplace.Rounds;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.GrainStorage;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Rounds;

/// <summary>
/// Copies what a round told its applicants into Notifications, in the round's own state transaction
/// (docs/decisions/0002). The round has no other read model: its applications stay sealed in the state.
/// </summary>
public sealed class RoundProjection : GrainStateProjection<VentureRoundState>
{
    protected override async Task ProjectAsync(AppDbContext db, GrainId grainId, VentureRoundState s, CancellationToken ct)
    {
        if (s.Notifications.IsDefaultOrEmpty)
        {
            return; // most round writes before 初审: no query
        }
        var ids = s.Notifications.Select(n => n.Id).ToList();
        var known = (await db.Notifications.Where(n => ids.Contains(n.Id)).Select(n => n.Id).ToListAsync(ct)).ToHashSet();
        db.Notifications.AddRange(s.Notifications.Where(n => !known.Contains(n.Id)).Select(n => new NotificationRow
        {
            Id = n.Id, Recipient = n.Recipient.Key, Text = n.Text, CreatedAt = n.At.ToUniversalTime(),
        }));
    }
}
