using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class ContractRowConfiguration : IEntityTypeConfiguration<ContractRow>
{
    public void Configure(EntityTypeBuilder<ContractRow> b)
    {
        b.ToTable("Contracts");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Title).HasMaxLength(100);
        b.Property(x => x.Uscc).HasMaxLength(18);
        b.Property(x => x.OrganizationName).HasMaxLength(200);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.FinalGrade).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => x.TenderId).IsUnique();
        b.HasIndex(x => new { x.DistrictId, x.Year });
        b.HasIndex(x => x.StreetId);
        b.HasIndex(x => x.Uscc);
        b.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId);
    }
}

internal sealed class ContractTrancheRowConfiguration : IEntityTypeConfiguration<ContractTrancheRow>
{
    public void Configure(EntityTypeBuilder<ContractTrancheRow> b)
    {
        b.ToTable("ContractTranches");
        b.HasKey(x => new { x.ContractId, x.No });
        b.Property(x => x.Gate).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Grade).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.SharePercent).HasPrecision(5, 2);
        b.Property(x => x.Total).HasPrecision(5, 2);
        b.HasOne<ContractRow>().WithMany().HasForeignKey(x => x.ContractId);
    }
}

internal sealed class ContractAssignmentRowConfiguration : IEntityTypeConfiguration<ContractAssignmentRow>
{
    public void Configure(EntityTypeBuilder<ContractAssignmentRow> b)
    {
        b.ToTable("ContractAssignments");
        b.HasKey(x => new { x.ContractId, x.Role, x.Principal });
        b.Property(x => x.Role).HasMaxLength(20);
        b.Property(x => x.Principal).HasMaxLength(256);
        b.HasIndex(x => new { x.Role, x.Principal });
        b.HasOne<ContractRow>().WithMany().HasForeignKey(x => x.ContractId);
    }
}
