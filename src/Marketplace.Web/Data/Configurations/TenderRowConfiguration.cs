using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class TenderRowConfiguration : IEntityTypeConfiguration<TenderRow>
{
    public void Configure(EntityTypeBuilder<TenderRow> b)
    {
        b.ToTable("Tenders");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Title).HasMaxLength(100);
        b.Property(x => x.ExpertField).HasMaxLength(50);
        b.Property(x => x.EndReason).HasMaxLength(500);
        b.Property(x => x.AwardedUscc).HasMaxLength(18);
        b.Property(x => x.AwardedName).HasMaxLength(200);
        b.Property(x => x.SingleSourceReason).HasMaxLength(Marketplace.Tendering.SingleSourceRules.MaximumReasonLength);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Method).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(x => new { x.Status, x.DistrictId });
        b.HasIndex(x => x.StreetId);
        b.HasOne<Street>().WithMany().HasForeignKey(x => x.StreetId);
    }
}

internal sealed class TenderResultRowConfiguration : IEntityTypeConfiguration<TenderResultRow>
{
    public void Configure(EntityTypeBuilder<TenderResultRow> b)
    {
        b.ToTable("TenderResults");
        b.HasKey(x => new { x.TenderId, x.Uscc });
        b.Property(x => x.Uscc).HasMaxLength(18);
        b.Property(x => x.OrganizationName).HasMaxLength(200);
        b.Property(x => x.Total).HasPrecision(7, 2);
        b.Property(x => x.InvalidReason).HasMaxLength(500);
        b.HasOne<TenderRow>().WithMany().HasForeignKey(x => x.TenderId);
    }
}

internal sealed class NotificationRowConfiguration : IEntityTypeConfiguration<NotificationRow>
{
    public void Configure(EntityTypeBuilder<NotificationRow> b)
    {
        b.ToTable("Notifications");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Recipient).HasMaxLength(300);
        b.Property(x => x.Text).HasMaxLength(1000);
        b.HasIndex(x => new { x.Recipient, x.CreatedAt });
        b.HasIndex(x => x.TenderId);
    }
}
