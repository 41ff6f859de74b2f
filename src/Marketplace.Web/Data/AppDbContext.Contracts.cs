using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Data;

public partial class AppDbContext
{
    public DbSet<ContractRow> Contracts => Set<ContractRow>();
    public DbSet<ContractTrancheRow> ContractTranches => Set<ContractTrancheRow>();
    public DbSet<ContractAssignmentRow> ContractAssignments => Set<ContractAssignmentRow>();
}
