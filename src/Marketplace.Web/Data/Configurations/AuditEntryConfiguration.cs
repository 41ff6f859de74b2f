using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.HasKey(x => x.Id);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Role).HasMaxLength(32);
        b.Property(x => x.ClientAddress).HasMaxLength(64);
        b.Property(x => x.Action).HasMaxLength(200);
        b.Property(x => x.Subject).HasMaxLength(300);
        b.Property(x => x.Before).HasMaxLength(AuditText.MaxLength);
        b.Property(x => x.After).HasMaxLength(AuditText.MaxLength);
        // The district page reads its own entries newest first.
        b.HasIndex(x => new { x.DistrictId, x.At });
    }
}

public static class AuditText
{
    public const int MaxLength = 2000;

    public static string? Clip(string? s) => s is { Length: > MaxLength } ? s[..MaxLength] : s;
}
