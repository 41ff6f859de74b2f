using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Tendering;
using Orleans.Concurrency;

namespace Marketplace.Rounds;

/// <summary>A round as anyone may see it: no proposal and no count of them before the deadline.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.RoundInfo")]
public sealed record RoundInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] RoundOrganizer Organizer,
    [property: Id(2)] RoundSettings Settings,
    [property: Id(3)] RoundStatus Status,
    [property: Id(4)] int Version,
    [property: Id(5)] int? ApplicationCount,
    [property: Id(6)] WorkingDayPeriod? Publicity,
    [property: Id(7)] string? EndReason);

/// <summary>A project as 公示 and the public list show it: organization, amount, score, rank.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.FundedProject")]
public sealed record FundedProject(
    [property: Id(0)] Guid ApplicationId,
    [property: Id(1)] string Title,
    [property: Id(2)] string Category,
    [property: Id(3)] string OrganizationName,
    [property: Id(4)] string Uscc,
    [property: Id(5)] Money Amount,
    [property: Id(6)] decimal Score,
    [property: Id(7)] int Rank,
    [property: Id(8)] long StreetId,
    [property: Id(9)] string? AdjustmentReason);

/// <summary>The published result: funded projects and the names of the panel's experts (立项公示).</summary>
[GenerateSerializer, Immutable, Alias("marketplace.RoundPublicView")]
public sealed record RoundPublicView(
    [property: Id(0)] RoundInfo Info,
    [property: Id(1)] ImmutableArray<FundedProject> Funded,
    [property: Id(2)] ImmutableArray<string> Experts,
    [property: Id(3)] Money? Leftover);

/// <summary>The organizer's view after the deadline: every application, its screening and the selection.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.RoundOrganizerView")]
public sealed record RoundOrganizerView(
    [property: Id(0)] RoundInfo Info,
    [property: Id(1)] ImmutableArray<RoundApplication> Applications,
    [property: Id(2)] PanelRecord? Panel,
    [property: Id(3)] SelectionResult? Selection,
    [property: Id(4)] ImmutableArray<RoundObjection> Objections,
    [property: Id(5)] ImmutableHashSet<Guid> Contracts,
    [property: Id(6)] ImmutableHashSet<Guid> Unsigned);

/// <summary>An organization's own part in a round: nothing of any other applicant's proposal.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.RoundApplicantView")]
public sealed record RoundApplicantView(
    [property: Id(0)] ImmutableArray<RoundApplication> Applications,
    [property: Id(1)] ImmutableDictionary<Guid, AmountAdjustment> Adjustments,
    [property: Id(2)] ImmutableArray<RoundObjection> Objections);

/// <summary>What a contract made from a round is drafted from.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.RoundContractSource")]
public sealed record RoundContractSource(
    [property: Id(0)] Guid RoundId,
    [property: Id(1)] long StreetId,
    [property: Id(2)] long DistrictId,
    [property: Id(3)] int Year,
    [property: Id(4)] string Title,
    [property: Id(5)] string Content,
    [property: Id(6)] string Deliverables,
    [property: Id(7)] string Uscc,
    [property: Id(8)] string OrganizationName,
    [property: Id(9)] Money Amount,
    [property: Id(10)] FundingSource Source,
    [property: Id(11)] string ServiceAreaCode,
    [property: Id(12)] ImmutableArray<string> Competitors);

/// <summary>
/// One 公益创投 round (key: round id). The only writer of the round's settings, sealed applications,
/// screening, panel, scores, selection, 公示 and objections. Holds its pool in the paying streets' ledgers
/// (one encumbrance per street, reference <c>round:{id}</c>) from opening until the 公示 ends, when what is
/// not funded goes back to available. Commands naming an organizer that is not the round's are refused as
/// "创投不存在"; before the deadline nobody but the applicant sees a proposal or how many there are.
/// </summary>
[Alias("marketplace.IVentureRoundGrain")]
public interface IVentureRoundGrain : IGrainWithGuidKey
{
    /// <summary>Null for a round never created or still a draft of another organizer.</summary>
    [Alias("GetInfo")] Task<RoundInfo?> GetInfoAsync();

    [Alias("Create")] Task<Outcome<RoundInfo>> CreateAsync(RoundOrganizer organizer, RoundSettings settings, string user);

    /// <summary>创投补录: a round whose 立项公示 has ended, with its applications, 初审 and totals; holds and re-sizes the pool as the round would have.</summary>
    [Alias("RecordFinished")] Task<Outcome<RoundInfo>> RecordFinishedAsync(RoundOrganizer organizer, RoundRecord record, string user);

    [Alias("Edit")] Task<Outcome<RoundInfo>> EditAsync(RoundOrganizer organizer, int expectedVersion, RoundSettings settings, string user);

    /// <summary>Encumbers the pool in each paying street's ledger (refused with the shortfall named) and opens the window.</summary>
    [Alias("Open")] Task<Outcome<RoundInfo>> OpenAsync(RoundOrganizer organizer, int expectedVersion, string user);

    /// <summary>Timed work at the deadline: records the round closed; early or repeated, nothing changes.</summary>
    [Alias("Close")] Task<Outcome<RoundInfo>> CloseAsync();

    [Alias("Cancel")] Task<Outcome<RoundInfo>> CancelAsync(RoundOrganizer organizer, string reason, string user);

    /// <summary>An organization applies; server time decides the window.</summary>
    [Alias("Apply")] Task<Outcome<Guid>> ApplyAsync(string uscc, string organizationName, RoundProposal proposal, string user);

    [Alias("GetOwn")] Task<ImmutableArray<RoundApplication>> GetOwnApplicationsAsync(string uscc);

    /// <summary>What one organization sees of its part in the round: its applications, adjustments awaiting its answer, its objections.</summary>
    [Alias("GetApplicantView")] Task<RoundApplicantView> GetApplicantViewAsync(string uscc);

    /// <summary>The organizer's view; refused before the deadline (sealed).</summary>
    [Alias("GetOrganizerView")] Task<Outcome<RoundOrganizerView>> GetOrganizerViewAsync(RoundOrganizer organizer);

    /// <summary>初审 of one application, with a reason.</summary>
    [Alias("Screen")] Task<Outcome> ScreenAsync(RoundOrganizer organizer, Guid applicationId, bool passed, string reason, string user);

    /// <summary>Draws the panel from the district's expert pool (财库〔2016〕198号) once every application is screened.</summary>
    [Alias("DrawPanel")] Task<Outcome<PanelRecord>> DrawPanelAsync(RoundOrganizer organizer, int size, string expertField, string user);

    [Alias("Declare")] Task<Outcome> DeclareAsync(string expertUser, bool conflict, string? reason);

    [Alias("GetForExpert")] Task<Outcome<ImmutableArray<RoundApplication>>> GetApplicationsForExpertAsync(string expertUser);

    /// <summary>The expert's place on the panel (待声明 / 已声明 / 回避 / 替换), or null when not drawn: lists the expert's 评审任务.</summary>
    [Alias("GetMemberStatus")] Task<PanelMemberStatus?> GetMemberStatusAsync(string expertUser);

    [Alias("GetExpertScores")] Task<ImmutableDictionary<Guid, ImmutableDictionary<string, CriterionScore>>> GetExpertScoresAsync(string expertUser);

    [Alias("Score")] Task<Outcome> ScoreAsync(string expertUser, Guid applicationId, ImmutableDictionary<string, CriterionScore> sheet);

    /// <summary>Every sitting expert has scored every screened-in application: totals are frozen and the selection computed.</summary>
    [Alias("Select")] Task<Outcome<SelectionResult>> SelectAsync(RoundOrganizer organizer, string user);

    [Alias("Adjust")] Task<Outcome<SelectionResult>> AdjustAsync(RoundOrganizer organizer, Guid applicationId, Money amount, string reason, string user);

    /// <summary>The organization accepts or declines the adjusted amount of its project.</summary>
    [Alias("RespondAdjustment")] Task<Outcome> RespondAdjustmentAsync(string uscc, Guid applicationId, bool accept, string user);

    /// <summary>立项公示 for the district's 公示 period in working days.</summary>
    [Alias("Publish")] Task<Outcome<RoundInfo>> PublishSelectionAsync(RoundOrganizer organizer, string user);

    [Alias("Object")] Task<Outcome> ObjectAsync(string uscc, Guid applicationId, string text, string user);

    /// <summary>An upheld objection withdraws the project's funding; the next eligible project moves up.</summary>
    [Alias("DecideObjection")] Task<Outcome> DecideObjectionAsync(RoundOrganizer organizer, int objectionNo, bool upheld, string answer, string user);

    /// <summary>After the 公示 period with every objection answered: the unused pool goes back to available.</summary>
    [Alias("EndPublicity")] Task<Outcome<RoundInfo>> EndPublicityAsync(RoundOrganizer organizer, string user);

    /// <summary>Timed work at the end of the 公示 period: as <see cref="EndPublicityAsync"/> when due and every objection is answered, else nothing.</summary>
    [Alias("EndPublicityIfDue")] Task<Outcome<RoundInfo>> EndPublicityIfDueAsync();

    /// <summary>Each funded project becomes a contract through the contract grain (60% on signing, 40% after the final evaluation).</summary>
    [Alias("CreateContracts")] Task<Outcome<ImmutableArray<Guid>>> CreateContractsAsync(RoundOrganizer organizer, DateOnly termStart, DateOnly termEnd, string user);

    /// <summary>A funded project whose contract is never signed: its draft contract ends and its amount goes back to available.</summary>
    [Alias("ReleaseUnsigned")] Task<Outcome> ReleaseUnsignedAsync(RoundOrganizer organizer, Guid applicationId, string reason, string user);

    /// <summary>
    /// Timed work at a funded project's signing deadline (立项公示 end + the round's signing days): a contract not signed
    /// by both sides is ended and its amount released as <see cref="ReleaseUnsignedAsync"/> does, once. Early, signed,
    /// or released already: nothing. Safe to run twice.
    /// </summary>
    [Alias("SigningOverdue")] Task<Outcome> SigningOverdueAsync(Guid applicationId);

    /// <summary>The published selection (立项公示 onwards), or only the round before it.</summary>
    [Alias("GetPublic")] Task<RoundPublicView?> GetPublicAsync();

    /// <summary>Asked by the contract grain while this round creates the contract, hence interleaved.</summary>
    [AlwaysInterleave, Alias("GetContractSource")] Task<RoundContractSource?> GetContractSourceAsync(Guid applicationId);
}

/// <summary>One line of a district's list of rounds.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.RoundSummary")]
public sealed record RoundSummary(
    [property: Id(0)] Guid Id,
    [property: Id(1)] RoundOrganizer Organizer,
    [property: Id(2)] string Title,
    [property: Id(3)] int Year,
    [property: Id(4)] RoundStatus Status,
    [property: Id(5)] Money Pool,
    [property: Id(6)] Money Cap,
    [property: Id(7)] DateTimeOffset Deadline,
    [property: Id(8)] ImmutableArray<RoundStreetShare> Shares)    // a district round's streets and their shares; empty for a street round
{
    /// <summary>The street's part of this round: the whole pool of its own round, its share of a district round, else null.</summary>
    public Money? ShareOf(long streetId) => Organizer.StreetId == streetId ? Pool
        : (Shares.IsDefault ? [] : Shares).FirstOrDefault(x => x.StreetId == streetId)?.Amount;
}

/// <summary>The rounds of one district (key: district id), kept by the rounds themselves after each change.</summary>
[Alias("marketplace.IVentureRoundListGrain")]
public interface IVentureRoundListGrain : IGrainWithIntegerKey
{
    [Alias("List")] Task<ImmutableArray<RoundSummary>> ListAsync();

    [Alias("Upsert")] Task UpsertAsync(RoundSummary summary);
}

public static class RoundStatusNames
{
    public static string Chinese(this RoundStatus s) => s switch
    {
        RoundStatus.Draft => "草稿",
        RoundStatus.Open => "申报中",
        RoundStatus.Closed => "申报截止",
        RoundStatus.Screening => "初审",
        RoundStatus.Review => "专家评审",
        RoundStatus.Selection => "择优立项",
        RoundStatus.Publicity => "立项公示",
        RoundStatus.Contracts => "签约",
        RoundStatus.Cancelled => "已取消",
        _ => s.ToString(),
    };
}
