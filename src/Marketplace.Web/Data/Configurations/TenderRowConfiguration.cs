using Marketplace.Web.Data.Entities;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class TenderRowConfiguration : IEntityTypeConfiguration<TenderRow>
{
    private static readonly JsonSerializerOptions CriteriaJson = new(JsonSerializerDefaults.Web);

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
        // One JSON text column on both providers: the criteria are read whole, never queried.
        b.Property(x => x.Criteria).HasConversion(
            v => v == null ? null : JsonSerializer.Serialize(v, CriteriaJson),
            v => v == null ? null : JsonSerializer.Deserialize<List<PublishedCriterion>>(v, CriteriaJson),
            new ValueComparer<IReadOnlyList<PublishedCriterion>?>(
                (a, c) => a == null ? c == null : c != null && a.SequenceEqual(c),
                v => v == null ? 0 : v.Count,
                v => v == null ? null : v.ToList()));
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
