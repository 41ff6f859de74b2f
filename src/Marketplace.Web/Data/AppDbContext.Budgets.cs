using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Data;

public partial class AppDbContext
{
    public DbSet<StreetBudgetRow> StreetBudgets => Set<StreetBudgetRow>();
    public DbSet<StreetBudgetSourceRow> StreetBudgetSources => Set<StreetBudgetSourceRow>();
    public DbSet<PostingGroupRow> PostingGroups => Set<PostingGroupRow>();
    public DbSet<PostingRow> Postings => Set<PostingRow>();
    public DbSet<DistrictBudgetPolicyRow> DistrictBudgetPolicies => Set<DistrictBudgetPolicyRow>();
    public DbSet<FundingSourceRuleRow> FundingSourceRules => Set<FundingSourceRuleRow>();
}
