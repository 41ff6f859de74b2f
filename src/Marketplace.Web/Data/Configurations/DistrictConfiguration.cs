using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> b)
    {
        b.Property(x => x.Name).HasMaxLength(50);
        b.Property(x => x.City).HasMaxLength(50);
        b.HasIndex(x => new { x.City, x.Name }).IsUnique();
        b.HasMany(x => x.Streets).WithOne(x => x.District).HasForeignKey(x => x.DistrictId);
    }
}

internal sealed class StreetConfiguration : IEntityTypeConfiguration<Street>
{
    public void Configure(EntityTypeBuilder<Street> b)
    {
        b.Property(x => x.Name).HasMaxLength(50);
        b.HasIndex(x => new { x.DistrictId, x.Name }).IsUnique();
    }
}

internal sealed class ServiceAreaConfiguration : IEntityTypeConfiguration<ServiceArea>
{
    public void Configure(EntityTypeBuilder<ServiceArea> b)
    {
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(20);
        b.Property(x => x.Name).HasMaxLength(50);
    }
}

internal sealed class GuidingCatalogEntryConfiguration : IEntityTypeConfiguration<GuidingCatalogEntry>
{
    public void Configure(EntityTypeBuilder<GuidingCatalogEntry> b)
    {
        b.Property(x => x.Code).HasMaxLength(20);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.ServiceAreaCode).HasMaxLength(20);
        b.Property(x => x.Description).HasMaxLength(2000);
        b.HasIndex(x => new { x.DistrictId, x.Code }).IsUnique();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<District>().WithMany().HasForeignKey(x => x.DistrictId);
    }
}
