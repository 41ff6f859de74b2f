using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class StreetBudgetRowConfiguration : IEntityTypeConfiguration<StreetBudgetRow>
{
    public void Configure(EntityTypeBuilder<StreetBudgetRow> b)
    {
        b.ToTable("StreetBudgets");
        b.HasKey(x => new { x.StreetId, x.Year });
        b.Ignore(x => x.Figures);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.EnteredBy).HasMaxLength(256);
        b.Property(x => x.ConfirmedBy).HasMaxLength(256);
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasIndex(x => new { x.DistrictId, x.Year });
        b.HasIndex(x => x.Year);
        b.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId);
    }
}

internal sealed class StreetBudgetSourceRowConfiguration : IEntityTypeConfiguration<StreetBudgetSourceRow>
{
    public void Configure(EntityTypeBuilder<StreetBudgetSourceRow> b)
    {
        b.ToTable("StreetBudgetSources");
        b.HasKey(x => new { x.StreetId, x.Year, x.Source });
        b.Ignore(x => x.Figures);
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(30);
        b.HasOne<StreetBudgetRow>().WithMany().HasForeignKey(x => new { x.StreetId, x.Year });
    }
}

internal sealed class PostingGroupRowConfiguration : IEntityTypeConfiguration<PostingGroupRow>
{
    public void Configure(EntityTypeBuilder<PostingGroupRow> b)
    {
        b.ToTable("LedgerPostingGroups");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.IdempotencyKey).HasMaxLength(200);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.DocumentType).HasMaxLength(50);
        b.Property(x => x.DocumentId).HasMaxLength(100);
        b.Property(x => x.CommitmentType).HasMaxLength(50);
        b.Property(x => x.CommitmentId).HasMaxLength(100);
        b.Property(x => x.EncumbranceType).HasMaxLength(50);
        b.Property(x => x.EncumbranceId).HasMaxLength(100);
        b.Property(x => x.ServiceAreaCode).HasMaxLength(20);
        // The grain refuses a reused key; the index makes the database refuse it too.
        b.HasIndex(x => new { x.StreetId, x.Year, x.IdempotencyKey }).IsUnique();
        b.HasIndex(x => new { x.StreetId, x.Year, x.Sequence }).IsUnique();
        b.HasIndex(x => new { x.DistrictId, x.Year });
        b.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId);
    }
}

internal sealed class PostingRowConfiguration : IEntityTypeConfiguration<PostingRow>
{
    public void Configure(EntityTypeBuilder<PostingRow> b)
    {
        b.ToTable("LedgerPostings");
        b.Ignore(x => x.Amount);
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Account).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.ServiceAreaCode).HasMaxLength(20);
        b.HasIndex(x => new { x.StreetId, x.Year, x.Source, x.Account });
        b.HasIndex(x => new { x.GroupId, x.Line }).IsUnique();
        b.HasOne<PostingGroupRow>().WithMany().HasForeignKey(x => x.GroupId);
    }
}

internal sealed class DistrictBudgetPolicyRowConfiguration : IEntityTypeConfiguration<DistrictBudgetPolicyRow>
{
    public void Configure(EntityTypeBuilder<DistrictBudgetPolicyRow> b)
    {
        b.ToTable("DistrictBudgetPolicies");
        b.HasKey(x => x.DistrictId);
        b.Property(x => x.DistrictId).ValueGeneratedNever();
        b.Property(x => x.UpdatedBy).HasMaxLength(256);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<District>().WithOne().HasForeignKey<DistrictBudgetPolicyRow>(x => x.DistrictId);
    }
}

internal sealed class FundingSourceRuleRowConfiguration : IEntityTypeConfiguration<FundingSourceRuleRow>
{
    public void Configure(EntityTypeBuilder<FundingSourceRuleRow> b)
    {
        b.ToTable("FundingSourceRules");
        b.HasKey(x => new { x.DistrictId, x.Source });
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(30);
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId);
    }
}
