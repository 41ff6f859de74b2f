using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Web.Data.Configurations;

internal sealed class GrainStateRecordConfiguration : IEntityTypeConfiguration<GrainStateRecord>
{
    public void Configure(EntityTypeBuilder<GrainStateRecord> b)
    {
        b.ToTable("GrainStates");
        b.HasKey(x => new { x.StateName, x.GrainId });
        b.Property(x => x.StateName).HasMaxLength(100);
        b.Property(x => x.GrainId).HasMaxLength(300);
        b.Property(x => x.ETag).HasMaxLength(40);
    }
}

internal sealed class ScheduledWorkConfiguration : IEntityTypeConfiguration<ScheduledWork>
{
    public void Configure(EntityTypeBuilder<ScheduledWork> b)
    {
        b.ToTable("ScheduledWork");
        b.Property(x => x.Kind).HasMaxLength(100);
        b.Property(x => x.SubjectId).HasMaxLength(200);
        b.Property(x => x.LastError).HasMaxLength(2000);
        b.HasIndex(x => new { x.Kind, x.SubjectId }).IsUnique();
        b.HasIndex(x => x.CompletedAt);
    }
}

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(100);
        b.Property(x => x.OrganizationUscc).HasMaxLength(18);
        b.HasIndex(x => x.StreetId);
        b.HasIndex(x => x.DistrictId);
    }
}
