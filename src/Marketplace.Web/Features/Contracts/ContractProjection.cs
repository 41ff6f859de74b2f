using Marketplace.Contracts;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.GrainStorage;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Contracts;

/// <summary>Mirrors a contract grain's terms, tranches, assignments and notifications (docs/decisions/0002).</summary>
public sealed class ContractProjection : GrainStateProjection<ContractState>
{
    protected override async Task ProjectAsync(AppDbContext db, GrainId grainId, ContractState s, CancellationToken ct)
    {
        if (!s.Created)
        {
            return;
        }
        var id = grainId.GetGuidKey();
        var row = await db.Contracts.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (row is null)
        {
            row = new ContractRow { Id = id, Title = "", Uscc = "", OrganizationName = "", CreatedAt = s.CreatedAt.ToUniversalTime() };
            db.Contracts.Add(row);
        }
        var final = s.Tranches.FirstOrDefault(t => t.Gate == TrancheGate.Final) is { } f ? s.EvaluationOf(f.No) : null;
        row.TenderId = s.TenderId;
        row.StreetId = s.StreetId;
        row.DistrictId = s.DistrictId;
        row.Year = s.Year;
        row.Title = s.Title;
        row.Uscc = s.Uscc;
        row.OrganizationName = s.OrganizationName;
        row.Amount = s.Amount;
        row.TermStart = s.TermStart;
        row.TermEnd = s.TermEnd;
        row.Status = s.Status;
        row.Version = s.Version;
        row.SignedAt = s.OrganizationSignature?.At.ToUniversalTime();
        row.FinalGrade = final?.Grade;
        row.FinalGradedAt = final?.DecidedAt?.ToUniversalTime();

        var tranches = await db.ContractTranches.Where(t => t.ContractId == id).ToDictionaryAsync(t => t.No, ct);
        foreach (var t in s.Tranches)
        {
            if (!tranches.TryGetValue(t.No, out var tr))
            {
                tr = new ContractTrancheRow { ContractId = id, No = t.No };
                db.ContractTranches.Add(tr);
            }
            var ev = s.EvaluationOf(t.No);
            (tr.Gate, tr.SharePercent, tr.Amount, tr.Status, tr.ReportDue) = (t.Gate, t.SharePercent, t.Amount, t.Status, t.ReportDue);
            (tr.Grade, tr.Total, tr.PaidAt) = (ev?.Grade ?? t.Grade, ev?.Total, t.Payment?.At.ToUniversalTime());
        }
        db.ContractTranches.RemoveRange(tranches.Values.Where(t => t.No > s.Tranches.Length));

        var assigned = s.Evaluators.Select(e => (ContractAssignmentRow.Evaluator, e)).Concat(s.PeerUsccs.Select(p => (ContractAssignmentRow.Peer, p))).ToHashSet();
        var existing = await db.ContractAssignments.Where(a => a.ContractId == id).ToListAsync(ct);
        db.ContractAssignments.RemoveRange(existing.Where(a => !assigned.Contains((a.Role, a.Principal))));
        db.ContractAssignments.AddRange(assigned.Where(a => !existing.Any(e => e.Role == a.Item1 && e.Principal == a.Item2))
            .Select(a => new ContractAssignmentRow { ContractId = id, Role = a.Item1, Principal = a.Item2 }));

        var ids = s.Notifications.Select(n => n.Id).ToList();
        var known = (await db.Notifications.Where(n => ids.Contains(n.Id)).Select(n => n.Id).ToListAsync(ct)).ToHashSet();
        db.Notifications.AddRange(s.Notifications.Where(n => !known.Contains(n.Id)).Select(n => new NotificationRow
        {
            Id = n.Id, Recipient = n.Recipient, Text = n.Text, CreatedAt = n.At.ToUniversalTime(),
        }));
    }
}
