using Marketplace.Domain;

namespace Marketplace.Reports.Models;

/// <summary>A service contract as its PDF prints it: parties, content, amount, tranches, signatures.</summary>
public sealed record ContractModel(
    string Title, string Number, string Street, string Organization, string Uscc, string? Account,
    string Content, Money Amount, string Funding, DateOnly TermStart, DateOnly TermEnd,
    IReadOnlyList<ContractTrancheLine> Tranches, string? StreetSignature, string? OrganizationSignature, DateOnly PrintedOn);

public sealed record ContractTrancheLine(int No, string Gate, decimal SharePercent, Money Amount, string Status);
