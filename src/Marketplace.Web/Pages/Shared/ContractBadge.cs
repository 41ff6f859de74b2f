using Marketplace.Contracts;

namespace Marketplace.Web.Pages.Shared;

/// <summary>A contract's stage in the same colours as a purchase's (site.css .stage-*): in service is open, under evaluation is review.</summary>
public static class ContractBadge
{
    public static string Css(ContractStatus status) => "badge stage-" + status switch
    {
        ContractStatus.Signed or ContractStatus.InService => "open",
        ContractStatus.MidTermEvaluated or ContractStatus.FinalEvaluated or ContractStatus.Rectifying => "review",
        ContractStatus.Closed => "done",
        ContractStatus.Terminated => "failed",
        _ => "draft",
    };
}
