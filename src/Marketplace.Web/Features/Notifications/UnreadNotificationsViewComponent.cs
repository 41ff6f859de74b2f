using Marketplace.Web.Data;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Notifications;

/// <summary>The 消息 link of the navigation with the signed-in user's unread count beside it.</summary>
public sealed class UnreadNotificationsViewComponent(AppDbContext db, CurrentTenant tenant) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        // Not on the error page: it must render when the database is what failed (docs/RELIABILITY.md, outage).
        View(SessionRevocation.OnErrorPath(HttpContext) ? 0
            : await NotificationInbox.UnreadCountAsync(db, tenant, HttpContext.RequestAborted));
}
