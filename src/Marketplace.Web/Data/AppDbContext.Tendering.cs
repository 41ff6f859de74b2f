using Marketplace.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Data;

public partial class AppDbContext
{
    public DbSet<TenderRow> Tenders => Set<TenderRow>();
    public DbSet<TenderResultRow> TenderResults => Set<TenderResultRow>();
    public DbSet<NotificationRow> Notifications => Set<NotificationRow>();
    public DbSet<TenderSubmissionRow> TenderSubmissions => Set<TenderSubmissionRow>();
}
