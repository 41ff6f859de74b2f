using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Data;

public partial class AppDbContext
{
    public DbSet<OrganizationRow> Organizations => Set<OrganizationRow>();
    public DbSet<OrganizationStatusChangeRow> OrganizationStatusChanges => Set<OrganizationStatusChangeRow>();
    public DbSet<NegativeEntryRow> NegativeEntries => Set<NegativeEntryRow>();
    public DbSet<OrganizationDocumentRow> OrganizationDocuments => Set<OrganizationDocumentRow>();
    public DbSet<IncubationRecordRow> IncubationRecords => Set<IncubationRecordRow>();
    public DbSet<IncubationBase> IncubationBases => Set<IncubationBase>();
}
