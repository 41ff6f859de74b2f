using Marketplace.Domain;

namespace Marketplace.Reports.Models;

/// <summary>One contract as the district's list shows it; the workbook prints the same lines.</summary>
public sealed record ContractListLine(string Title, string Street, string Organization, string Uscc, Money Amount, Money Paid,
    DateOnly TermStart, DateOnly TermEnd, string Status, string? FinalGrade);

/// <summary>One gated tranche's evaluation as the district's list shows it (the latest round).</summary>
public sealed record EvaluationListLine(string Title, string Organization, int TrancheNo, string Gate, DateOnly? Due,
    decimal? Total, string? Grade, string TrancheStatus);
