using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class TransferItemRowConfiguration : IEntityTypeConfiguration<TransferItemRow>
{
    public void Configure(EntityTypeBuilder<TransferItemRow> b)
    {
        b.ToTable("TransferItems");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Title).HasMaxLength(100);
        b.Property(x => x.Content).HasMaxLength(4000);
        b.Property(x => x.Requirements).HasMaxLength(4000);
        b.Property(x => x.Materials).HasMaxLength(2000);
        b.Property(x => x.ProviderTypes).HasMaxLength(200);
        b.Property(x => x.ServiceAreaCode).HasMaxLength(20);
        b.Property(x => x.GuidingEntryCode).HasMaxLength(20);
        b.Property(x => x.UpdatedBy).HasMaxLength(256);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Nature).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(x => new { x.Status, x.StreetId });
        b.HasIndex(x => new { x.Status, x.ServiceAreaCode });
        // The public catalog's order (CatalogQueries): a page is read along this index instead of sorting
        // every published item on each cache miss (10,000 items, issue 15).
        b.HasIndex(x => new { x.Status, x.DistrictId, x.StreetId, x.Title });
        b.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId);
    }
}
