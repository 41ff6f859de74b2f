using System.Text.Json;
using Marketplace.Persistence;
using Marketplace.Web.Data.Configurations;
using Marketplace.Web.Data.Entities;

namespace Marketplace.Web.Infrastructure.Audit;

/// <summary>
/// The audit record of one grain state write, added by <see cref="GrainStorage.EfGrainStorage"/> to the
/// transaction that writes the state (issue 16 item 5: same transaction as the change). Before → after is
/// the aggregate's status; the district is the record's own (so an NGO's objection lands in the notice's
/// district), else the actor's.
/// </summary>
public static class GrainAudit
{
    /// <summary>
    /// One entry for the current caller; for a group-committed write (score sheets saved together) one entry per
    /// caller it carries, each with that caller's name, role, address and method.
    /// </summary>
    public static IEnumerable<AuditEntry> Entries(GrainId grainId, string? beforeDocument, string afterDocument, DateTimeOffset at)
    {
        var callers = GroupWriters.Current;
        IEnumerable<(AuditActor? Actor, string? Action)> actors = callers.IsEmpty
            ? [(AuditActor.Current, AuditActor.CurrentAction)]
            : callers.Select(AuditActor.Of);
        var present = actors.Where(a => a.Actor is not null).ToList();
        if (present.Count == 0)
        {
            return []; // start-up and imports: no person and no timed work acted
        }
        var before = Facts.Of(beforeDocument);
        var after = Facts.Of(afterDocument);
        return present.Select(a => new AuditEntry
        {
            At = at, UserName = a.Actor!.UserName, Role = a.Actor.Role, ClientAddress = a.Actor.ClientAddress,
            DistrictId = after.DistrictId ?? before.DistrictId ?? a.Actor.DistrictId,
            StreetId = after.StreetId ?? before.StreetId ?? a.Actor.StreetId,
            Action = a.Action ?? "", Subject = grainId.ToString(),
            Before = AuditText.Clip(before.Status), After = AuditText.Clip(after.Status),
        });
    }

    private sealed record Facts(string? Status, long? DistrictId, long? StreetId)
    {
        public static Facts Of(string? document)
        {
            if (document is null)
            {
                return new Facts(null, null, null);
            }
            using var json = JsonDocument.Parse(document);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new Facts(null, null, null);
            }
            // A round names its organizer (district, and street when a street runs it); an organization its profile's district.
            var owner = root.TryGetProperty("Organizer", out var o) && o.ValueKind == JsonValueKind.Object ? o
                : root.TryGetProperty("Profile", out var p) && p.ValueKind == JsonValueKind.Object ? p : root;
            // An organization without a profile is not registered (an import undone, a registration expired): no status.
            var unregistered = root.TryGetProperty("Profile", out var profile) && profile.ValueKind == JsonValueKind.Null;
            return new Facts(unregistered ? null : Text(root, "Status"), Number(owner, "DistrictId"), Number(owner, "StreetId"));
        }

        private static string? Text(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number ? v.ToString() : null;

        private static long? Number(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;
    }
}
