using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Data;

public partial class AppDbContext
{
    public DbSet<NotificationRead> NotificationReads => Set<NotificationRead>();
}
