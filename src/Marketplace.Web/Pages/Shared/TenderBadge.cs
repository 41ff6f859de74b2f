using Marketplace.Tendering;

namespace Marketplace.Web.Pages.Shared;

/// <summary>One colour per stage of a purchase, the same on every page (site.css .stage-*).</summary>
public static class TenderBadge
{
    public static string Css(TenderStatus status) => "badge stage-" + status switch
    {
        TenderStatus.Published => "open",
        TenderStatus.Closed or TenderStatus.UnderReview => "review",
        TenderStatus.Publicity => "publicity",
        TenderStatus.ReadyForContract => "done",
        TenderStatus.Failed or TenderStatus.Cancelled => "failed",
        _ => "draft",
    };
}
