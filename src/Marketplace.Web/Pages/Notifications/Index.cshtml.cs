using Marketplace.Web.Data;
using Marketplace.Web.Features.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Notifications;

/// <summary>
/// The signed-in user's messages (to the account, its organization, its street, or all NGOs of its
/// district), newest first, unread ones marked; marking read changes only this user's own state.
/// </summary>
[Authorize]
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public NotificationInbox.Page Result { get; private set; } = default!;

    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public string TenderLink(Guid tenderId) => NotificationInbox.TenderLink(User, tenderId);

    public async Task OnGetAsync(CancellationToken ct) => Result = await NotificationInbox.PageAsync(db, User, PageNumber, ct);

    public async Task<IActionResult> OnPostMarkReadAsync(Guid id, CancellationToken ct)
    {
        if (!await NotificationInbox.MarkReadAsync(db, User, id, clock.GetUtcNow(), ct))
        {
            return NotFound();
        }
        return BackToList();
    }

    public async Task<IActionResult> OnPostMarkAllReadAsync(CancellationToken ct)
    {
        await NotificationInbox.MarkAllReadAsync(db, User, clock.GetUtcNow(), ct);
        return BackToList();
    }

    // "page" is a reserved route value in Razor Pages, so the page number goes back as a plain query string.
    private RedirectResult BackToList() =>
        Redirect(PageNumber > 1 ? $"{Request.PathBase}{Request.Path}?page={PageNumber}" : $"{Request.PathBase}{Request.Path}");
}
