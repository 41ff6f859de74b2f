using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Tendering;

/// <summary>
/// Stand-in for the organization directory's eligibility check until the directory is merged: an
/// organization is eligible when an NGO account is bound to its credit code. Replace the registration
/// in <see cref="TenderingServiceCollectionExtensions"/> with the directory's check (已入库, no active
/// negative entry, provider type, certified social workers).
/// </summary>
public sealed class NgoAccountEligibility(IDbContextFactory<AppDbContext> dbFactory) : ITenderApplicantEligibility
{
    public async Task<string?> IneligibleReasonAsync(long districtId, string uscc, EligibilityRequirements requirements, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AnyAsync(u => u.OrganizationUscc == uscc, ct) ? null : "该组织尚未在平台登记，不能申请";
    }
}

/// <summary>
/// Stand-in for the street budget ledger's can-commit check until the ledger is merged: allows every
/// split. Replace its registration with the ledger's check of the street's uncommitted budget per source.
/// </summary>
public sealed class LedgerPendingBudgetCheck : ITenderBudgetCheck
{
    public Task<Outcome> CanCommitAsync(long streetId, int year, ImmutableArray<FundingShare> split, CancellationToken ct = default) =>
        Task.FromResult(Outcome.Ok);
}
