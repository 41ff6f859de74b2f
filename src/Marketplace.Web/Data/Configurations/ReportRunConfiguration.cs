using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class ReportRunConfiguration : IEntityTypeConfiguration<ReportRun>
{
    public void Configure(EntityTypeBuilder<ReportRun> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Kind).HasMaxLength(50);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.RequestedBy).HasMaxLength(450);
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.Error).HasMaxLength(2000);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => new { x.RequestedBy, x.CreatedAt });
    }
}
