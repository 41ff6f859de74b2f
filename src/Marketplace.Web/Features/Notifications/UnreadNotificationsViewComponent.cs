using Marketplace.Web.Data;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Features.Notifications;

/// <summary>The 消息 link of the navigation with the signed-in user's unread count beside it.</summary>
public sealed class UnreadNotificationsViewComponent(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View(await NotificationInbox.UnreadCountAsync(db, UserClaimsPrincipal, HttpContext.RequestAborted));
}
