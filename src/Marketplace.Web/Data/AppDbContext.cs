using Marketplace.Domain;
using Marketplace.Web.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Marketplace.Web.Data;

/// <summary>
/// The one database of the product. Partial: each feature adds its sets in a file of its own; each
/// entity is configured by its own <see cref="IEntityTypeConfiguration{TEntity}"/>. Provider-specific
/// subclasses exist only so each provider keeps its own migrations (EF Core docs, "Migrations with
/// Multiple Providers").
/// </summary>
public partial class AppDbContext(DbContextOptions options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<District> Districts => Set<District>();
    public DbSet<Street> Streets => Set<Street>();
    public DbSet<ServiceArea> ServiceAreas => Set<ServiceArea>();
    public DbSet<GuidingCatalogEntry> GuidingCatalogEntries => Set<GuidingCatalogEntry>();
    public DbSet<TransferItemRow> TransferItems => Set<TransferItemRow>();
    public DbSet<GrainStateRecord> GrainStates => Set<GrainStateRecord>();
    public DbSet<ScheduledWork> ScheduledWork => Set<ScheduledWork>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Money is stored as whole fen (分): exact, and summable and sortable in SQL on every provider.
        configurationBuilder.Properties<Money>().HaveConversion<MoneyToFenConverter>();
    }

    private sealed class MoneyToFenConverter() : ValueConverter<Money, long>(m => m.Fen, fen => Money.FromFen(fen));
}
