using Marketplace.Organizations;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.GrainStorage;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// Mirrors an organization grain into the directory read model (Organizations and its child tables).
/// Child lists are small (a few dozen rows), so they are rewritten whole on each change.
/// </summary>
public sealed class OrganizationProjection : GrainStateProjection<OrganizationState>
{
    protected override async Task ProjectAsync(AppDbContext db, GrainId grainId, OrganizationState state, CancellationToken ct)
    {
        var uscc = grainId.Key.ToString()!;
        var row = await db.Organizations.SingleOrDefaultAsync(o => o.Uscc == uscc, ct);
        // Child rows only ever exist beside an organization row (a rollback removes both), so a first
        // write (registration, import) has nothing to clear: this halves the statements of an import.
        if (row is not null)
        {
            await db.OrganizationStatusChanges.Where(x => x.Uscc == uscc).ExecuteDeleteAsync(ct);
            await db.NegativeEntries.Where(x => x.Uscc == uscc).ExecuteDeleteAsync(ct);
            await db.OrganizationDocuments.Where(x => x.Uscc == uscc).ExecuteDeleteAsync(ct);
            await db.IncubationRecords.Where(x => x.Uscc == uscc).ExecuteDeleteAsync(ct);
        }
        // 待确认 (issue 16 item 1): not in the directory, the review queue or its counts until the mobile is proven.
        if (state.Profile is not { } p || state.Status == DirectoryStatus.Unconfirmed)
        {
            // An import that was rolled back or a registration that expired: the organization no longer exists.
            if (row is not null)
            {
                db.Organizations.Remove(row);
            }
            return;
        }
        if (row is null)
        {
            row = new OrganizationRow
            {
                Uscc = uscc, Name = "", RegistrationAuthority = "", LegalRepresentative = "", ContactPerson = "",
                ContactPhone = "", Address = "", ServiceAreas = "", PastProjects = "", StatusReason = "",
            };
            db.Organizations.Add(row);
        }
        row.Name = p.Name;
        row.Type = p.Type;
        row.RegistrationAuthority = p.RegistrationAuthority;
        row.RegisteredOn = p.RegisteredOn;
        row.LegalRepresentative = p.LegalRepresentative;
        row.ContactPerson = p.ContactPerson;
        row.ContactPhone = p.ContactPhone;
        row.Address = p.Address;
        row.DistrictId = p.DistrictId;
        row.StreetId = p.StreetId;
        row.ServiceAreas = "," + string.Join(',', p.ServiceAreaCodes) + ",";
        row.StaffCount = p.StaffCount;
        row.AssistantSocialWorkers = p.SocialWorkers.Assistant;
        row.SocialWorkers = p.SocialWorkers.Regular;
        row.SeniorSocialWorkers = p.SocialWorkers.Senior;
        row.CertifiedSocialWorkers = p.SocialWorkers.Total;
        row.IncubationBaseId = p.IncubationBaseId;
        row.Incubated = state.IsIncubated;
        row.PastProjects = p.PastProjects;
        row.Status = state.Status;
        var last = state.History.LastOrDefault();
        row.StatusReason = last?.Reason ?? "";
        row.StatusChangedAt = last?.At ?? state.RegisteredAt;
        row.RegisteredAt = state.RegisteredAt;
        row.UpdatedAt = state.UpdatedAt;
        row.Version = state.Version;

        db.OrganizationStatusChanges.AddRange(state.History.Select((h, i) => new OrganizationStatusChangeRow
        {
            Uscc = uscc, Sequence = i, From = h.From, To = h.To, Reason = h.Reason, By = h.By, At = h.At,
        }));
        db.NegativeEntries.AddRange(state.NegativeEntries.Select(e => new NegativeEntryRow
        {
            Id = e.Id, Uscc = uscc, DistrictId = p.DistrictId, Source = e.Fields.Source, Reason = e.Fields.Reason,
            StartsOn = e.Fields.StartsOn, EndsOn = e.Fields.EndsOn, Published = e.Fields.Published,
            SourceReference = e.Fields.SourceReference, RecordedBy = e.RecordedBy, RecordedAt = e.RecordedAt,
            RevokedAt = e.RevokedAt, RevokedBy = e.RevokedBy, RevokeReason = e.RevokeReason,
        }));
        db.OrganizationDocuments.AddRange(state.Documents.Select(d => new OrganizationDocumentRow
        {
            Id = d.Id, Uscc = uscc, DistrictId = p.DistrictId, Kind = d.Kind, OriginalName = d.OriginalName,
            StoredName = d.StoredName, ContentType = d.ContentType, Size = d.Size, UploadedBy = d.UploadedBy,
            UploadedAt = d.UploadedAt,
        }));
        db.IncubationRecords.AddRange(state.Incubation.Select(r => new IncubationRecordRow
        {
            Id = r.Id, Uscc = uscc, BaseId = r.BaseId, BaseName = r.BaseName, StartsOn = r.StartsOn, EndsOn = r.EndsOn,
            Mentor = r.Mentor, GraduatedOn = r.GraduatedOn,
        }));
    }
}
