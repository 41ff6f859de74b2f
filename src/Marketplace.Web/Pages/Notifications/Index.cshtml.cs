using Marketplace.Web.Data;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Pages.Notifications;

/// <summary>The signed-in user's messages: to the account, its organization, its street, or all NGOs of its district.</summary>
[Authorize]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public List<NotificationRow> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var mine = new List<string> { "user:" + User.Identity?.Name };
        if (User.OrganizationOf() is { } uscc)
        {
            mine.Add("org:" + uscc);
        }
        if (User.IsInRole(Roles.StreetOfficial) && User.StreetOf() is { } street)
        {
            mine.Add("street:" + street);
        }
        if (User.IsInRole(Roles.Ngo) && User.DistrictOf() is { } district)
        {
            mine.Add("district-ngos:" + district);
        }
        var items = await db.Notifications.AsNoTracking().Where(n => mine.Contains(n.Recipient)).ToListAsync(ct);
        Items = [.. items.OrderByDescending(n => n.CreatedAt).Take(200)];
    }
}
