using Marketplace.Domain;
using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Notifications;

/// <summary>
/// The one place that decides which notifications a signed-in user receives and whether that user has
/// read them. Works for any row of the Notifications table, whoever wrote it; read state is per account
/// (<see cref="NotificationRead"/>), so two officials of one street each read a "street:" message.
/// </summary>
public static class NotificationInbox
{
    public const int PageSize = 20;

    public sealed record Item(Guid Id, Guid? TenderId, string Text, DateTimeOffset CreatedAt, bool Read);

    public sealed record Page(IReadOnlyList<Item> Items, int Total, int Unread, int PageNumber)
    {
        public int PageCount => PageCountOf(Total);
    }

    private static int PageCountOf(int total) => Math.Max(1, (total + PageSize - 1) / PageSize);

    /// <summary>
    /// The recipient keys the user's tenant names: the account, its organization (NGO accounts) and its
    /// street (street officials only). "district-ngos:{id}" is matched in <see cref="Mine"/> through the organization's
    /// directory entry, because an NGO account carries no district of its own.
    /// </summary>
    public static IReadOnlyList<string> RecipientsOf(CurrentTenant user)
    {
        var mine = new List<string>();
        if (user.UserName is { Length: > 0 } name)
        {
            mine.Add(Recipient.User(name).Key);
        }
        if (user.Uscc is { } uscc)
        {
            mine.Add(Recipient.Organization(uscc).Key);
        }
        if (user.StreetId is { } street)
        {
            mine.Add(Recipient.Street(street).Key);
        }
        return mine;
    }

    /// <summary>Where a notification about a tender takes this user: the page its role works on.</summary>
    public static string TenderLink(CurrentTenant user, Guid tenderId) =>
        user.IsInRole(Roles.StreetOfficial) ? $"/Street/Tenders/Details/{tenderId}"
        : user.IsInRole(Roles.Ngo) ? $"/Ngo/Tenders/Apply/{tenderId}"
        : user.IsInRole(Roles.Evaluator) ? $"/Evaluator/Reviews/Review/{tenderId}"
        : $"/Tenders/Details/{tenderId}";

    /// <summary>Unread notifications of the user, counted by the database in one query.</summary>
    public static Task<int> UnreadCountAsync(AppDbContext db, CurrentTenant user, CancellationToken ct) =>
        user.UserId is { } userId ? Unread(db, user, userId).CountAsync(ct) : Task.FromResult(0);

    /// <summary>One page of the user's notifications, newest first, each with its read state.</summary>
    public static async Task<Page> PageAsync(AppDbContext db, CurrentTenant user, int page, CancellationToken ct)
    {
        var userId = user.UserId ?? "";
        var mine = Mine(db, user);
        var total = await mine.CountAsync(ct);
        var unread = await Unread(db, user, userId).CountAsync(ct);
        page = Math.Clamp(page, 1, PageCountOf(total));
        var items = await mine
            .OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(n => new Item(n.Id, n.TenderId, n.Text, n.CreatedAt,
                db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserId == userId)))
            .ToListAsync(ct);
        return new Page(items, total, unread, page);
    }

    /// <summary>
    /// Marks one notification read for this user. False when the notification does not exist or is not
    /// addressed to the user: nothing changes then, and the caller answers 404.
    /// </summary>
    public static async Task<bool> MarkReadAsync(AppDbContext db, CurrentTenant user, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        if (user.UserId is not { } userId || !await Mine(db, user).AnyAsync(n => n.Id == id, ct))
        {
            return false;
        }
        await InsertReadsAsync(db, userId, Unread(db, user, userId).Where(n => n.Id == id), now, ct);
        return true;
    }

    /// <summary>Marks every notification the user has not read yet as read for this user.</summary>
    public static Task MarkAllReadAsync(AppDbContext db, CurrentTenant user, DateTimeOffset now, CancellationToken ct) =>
        user.UserId is { } userId ? InsertReadsAsync(db, userId, Unread(db, user, userId), now, ct) : Task.CompletedTask;

    /// <summary>Every notification that reaches the user, as one query the database runs.</summary>
    private static IQueryable<NotificationRow> Mine(AppDbContext db, CurrentTenant user)
    {
        var recipients = RecipientsOf(user);
        var notifications = db.Notifications.AsNoTracking();
        if (user.Uscc is { } uscc)
        {
            // Notices to all NGOs of a district reach the members of every organization registered there.
            return notifications.Where(n => recipients.Contains(n.Recipient)
                || n.Recipient == db.Organizations.Where(o => o.Uscc == uscc).Select(o => Recipient.DistrictOrganizationsPrefix + o.DistrictId.ToString()).FirstOrDefault());
        }
        return notifications.Where(n => recipients.Contains(n.Recipient));
    }

    private static IQueryable<NotificationRow> Unread(AppDbContext db, CurrentTenant user, string userId) =>
        Mine(db, user).Where(n => !db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserId == userId));

    private static async Task InsertReadsAsync(
        AppDbContext db, string userId, IQueryable<NotificationRow> unread, DateTimeOffset now, CancellationToken ct)
    {
        // A double click or a second tab may mark the same notifications at the same moment: the losing
        // insert hits the primary key, so read the unread set again and insert what is still missing.
        for (var attempt = 1; ; attempt++)
        {
            var ids = await unread.Select(n => n.Id).ToListAsync(ct);
            if (ids.Count == 0)
            {
                return;
            }
            db.NotificationReads.AddRange(ids.Select(id => new NotificationRead { NotificationId = id, UserId = userId, ReadAt = now }));
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
