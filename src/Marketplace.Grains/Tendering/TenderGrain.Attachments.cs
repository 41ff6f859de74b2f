namespace Marketplace.Tendering;

/// <summary>Application attachments are read like the applications that hold them (SPEC §3.3, ADR 0012).</summary>
public sealed partial class TenderGrain
{
    public async Task<ApplicationAttachment?> GetAttachmentAsync(Guid attachmentId, AttachmentReader reader)
    {
        if (!S.Created)
        {
            return null;
        }
        if (reader.Uscc is { Length: > 0 } uscc && await GetOwnApplicationAsync(uscc) is { Withdrawn: false } own
            && own.Proposal.Attachments.FirstOrDefault(a => a.Id == attachmentId) is { } mine)
        {
            return mine;
        }
        // Sealed until the deadline for everyone but the applicant; afterwards the buying street, its district
        // and the sitting panel see them, never the public.
        if (S.ClosedAt is null || !(reader.Official || (reader.ExpertUser is { } expert && ExpertMayReadApplications(expert))))
        {
            return null;
        }
        return S.Active.SelectMany(a => a.Proposal.Attachments).FirstOrDefault(a => a.Id == attachmentId);
    }

    /// <summary>财库〔2016〕198号: an expert sees proposals only after declaring no conflict, while the panel works.</summary>
    private bool ExpertMayReadApplications(string expertUser) =>
        Member(expertUser) is { Status: PanelMemberStatus.Confirmed }
        && S.Status is TenderStatus.UnderReview or TenderStatus.Publicity or TenderStatus.ReadyForContract;
}
