using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class OrganizationRowConfiguration : IEntityTypeConfiguration<OrganizationRow>
{
    public void Configure(EntityTypeBuilder<OrganizationRow> b)
    {
        b.ToTable("Organizations");
        b.HasKey(x => x.Uscc);
        b.Property(x => x.Uscc).HasMaxLength(18);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.RegistrationAuthority).HasMaxLength(50);
        b.Property(x => x.LegalRepresentative).HasMaxLength(30);
        b.Property(x => x.ContactPerson).HasMaxLength(30);
        b.Property(x => x.ContactPhone).HasMaxLength(30);
        b.Property(x => x.Address).HasMaxLength(200);
        b.Property(x => x.ServiceAreas).HasMaxLength(400);
        b.Property(x => x.PastProjects).HasMaxLength(4000);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.StatusReason).HasMaxLength(500);
        b.Ignore(x => x.ServiceAreaCodes);
        b.HasIndex(x => new { x.DistrictId, x.Status });
        b.HasIndex(x => x.Name);
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId);
    }
}

internal sealed class OrganizationStatusChangeRowConfiguration : IEntityTypeConfiguration<OrganizationStatusChangeRow>
{
    public void Configure(EntityTypeBuilder<OrganizationStatusChangeRow> b)
    {
        b.ToTable("OrganizationStatusChanges");
        b.Property(x => x.Uscc).HasMaxLength(18);
        b.Property(x => x.From).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.To).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.By).HasMaxLength(256);
        b.HasIndex(x => new { x.Uscc, x.Sequence }).IsUnique();
    }
}

internal sealed class NegativeEntryRowConfiguration : IEntityTypeConfiguration<NegativeEntryRow>
{
    public void Configure(EntityTypeBuilder<NegativeEntryRow> b)
    {
        b.ToTable("NegativeEntries");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Uscc).HasMaxLength(18);
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.SourceReference).HasMaxLength(100);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.Property(x => x.RevokedBy).HasMaxLength(256);
        b.Property(x => x.RevokeReason).HasMaxLength(500);
        b.HasIndex(x => x.Uscc);
        b.HasIndex(x => new { x.DistrictId, x.StartsOn });
    }
}

internal sealed class OrganizationDocumentRowConfiguration : IEntityTypeConfiguration<OrganizationDocumentRow>
{
    public void Configure(EntityTypeBuilder<OrganizationDocumentRow> b)
    {
        b.ToTable("OrganizationDocuments");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Uscc).HasMaxLength(18);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.OriginalName).HasMaxLength(255);
        b.Property(x => x.StoredName).HasMaxLength(100);
        b.Property(x => x.ContentType).HasMaxLength(50);
        b.Property(x => x.UploadedBy).HasMaxLength(256);
        b.HasIndex(x => x.Uscc);
    }
}

internal sealed class IncubationRecordRowConfiguration : IEntityTypeConfiguration<IncubationRecordRow>
{
    public void Configure(EntityTypeBuilder<IncubationRecordRow> b)
    {
        b.ToTable("IncubationRecords");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Uscc).HasMaxLength(18);
        b.Property(x => x.BaseName).HasMaxLength(100);
        b.Property(x => x.Mentor).HasMaxLength(100);
        b.HasIndex(x => x.Uscc);
    }
}

internal sealed class IncubationBaseConfiguration : IEntityTypeConfiguration<IncubationBase>
{
    public void Configure(EntityTypeBuilder<IncubationBase> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Level).HasMaxLength(20);
        b.Property(x => x.Address).HasMaxLength(200);
        b.HasIndex(x => new { x.DistrictId, x.Name }).IsUnique();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId);
    }
}
