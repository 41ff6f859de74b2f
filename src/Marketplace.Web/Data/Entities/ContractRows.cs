using Marketplace.Contracts;
using Marketplace.Domain;

namespace Marketplace.Web.Data.Entities;

/// <summary>
/// Read model of a contract (written with the contract grain's state): what lists, the public page and
/// the JSON need. Reports, attachments and scores stay in the grain.
/// </summary>
public sealed class ContractRow
{
    public Guid Id { get; set; }
    public Guid TenderId { get; set; }
    public long StreetId { get; set; }
    public long DistrictId { get; set; }
    public int Year { get; set; }
    public required string Title { get; set; }
    public required string Uscc { get; set; }
    public required string OrganizationName { get; set; }
    public Money Amount { get; set; }
    public DateOnly TermStart { get; set; }
    public DateOnly TermEnd { get; set; }
    public ContractStatus Status { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
    /// <summary>The grade of the final evaluation once decided (for the star rating).</summary>
    public EvaluationGrade? FinalGrade { get; set; }
    public DateTimeOffset? FinalGradedAt { get; set; }
}

/// <summary>One tranche of a contract's payment schedule: share, amount, status and the gating grade.</summary>
public sealed class ContractTrancheRow
{
    public Guid ContractId { get; set; }
    public int No { get; set; }
    public TrancheGate Gate { get; set; }
    public decimal SharePercent { get; set; }
    public Money Amount { get; set; }
    public TrancheStatus Status { get; set; }
    public DateOnly? ReportDue { get; set; }
    public EvaluationGrade? Grade { get; set; }
    public decimal? Total { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
}

/// <summary>Who is assigned to evaluate a contract: an evaluator's user name or a peer organization's USCC.</summary>
public sealed class ContractAssignmentRow
{
    public const string Evaluator = "evaluator";
    public const string Peer = "peer";

    public Guid ContractId { get; set; }
    public required string Role { get; set; }
    public required string Principal { get; set; }
}
