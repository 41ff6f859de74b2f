using Marketplace.Web.Data;
using Marketplace.Web.Features.Notifications;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Notifications;

/// <summary>
/// The signed-in user's messages (to the account, its organization, its street, or all NGOs of its
/// district), newest first, unread ones marked; marking read changes only this user's own state.
/// </summary>
[Authorize]
public sealed class IndexModel(AppDbContext db, TimeProvider clock, CurrentTenant tenant) : PageModel
{
    public NotificationInbox.Page Result { get; private set; } = default!;

    public string TenderLink(Guid tenderId) => NotificationInbox.TenderLink(tenant, tenderId);

    // "page" is also the route value naming the Razor page itself, which wins over the query string in
    // ordinary binding; the page number is therefore read from the query (GET) or the form (POST) only.
    public async Task OnGetAsync([FromQuery(Name = "page")] int page, CancellationToken ct) =>
        Result = await NotificationInbox.PageAsync(db, tenant, page, ct);

    public async Task<IActionResult> OnPostMarkReadAsync(Guid id, [FromForm(Name = "page")] int page, CancellationToken ct)
    {
        if (!await NotificationInbox.MarkReadAsync(db, tenant, id, clock.GetUtcNow(), ct))
        {
            return NotFound();
        }
        return BackToList(page);
    }

    public async Task<IActionResult> OnPostMarkAllReadAsync([FromForm(Name = "page")] int page, CancellationToken ct)
    {
        await NotificationInbox.MarkAllReadAsync(db, tenant, clock.GetUtcNow(), ct);
        return BackToList(page);
    }

    private RedirectResult BackToList(int page) =>
        Redirect(page > 1 ? $"{Request.PathBase}{Request.Path}?page={page}" : $"{Request.PathBase}{Request.Path}");
}
