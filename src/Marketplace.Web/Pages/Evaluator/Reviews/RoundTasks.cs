using Marketplace.Rounds;
using Marketplace.Tendering;

namespace Marketplace.Web.Pages.Evaluator.Reviews;

/// <summary>
/// The 公益创投 rounds an expert has been drawn for, beside the tenders: without them a drawn expert had no
/// way to reach the round's review page. Only rounds past 初审 can have a panel.
/// </summary>
public static class RoundTasks
{
    public sealed record Row(Guid Id, string Title, RoundStatus Status, PanelMemberStatus Mine);

    public static async Task<List<Row>> ForAsync(IGrainFactory grains, long districtId, string expertUser)
    {
        var rows = new List<Row>();
        var rounds = await grains.GetGrain<IVentureRoundListGrain>(districtId).ListAsync();
        foreach (var r in rounds.Where(r => r.Status is RoundStatus.Screening or RoundStatus.Review or RoundStatus.Selection or RoundStatus.Publicity))
        {
            if (await grains.GetGrain<IVentureRoundGrain>(r.Id).GetMemberStatusAsync(expertUser) is { } mine)
            {
                rows.Add(new Row(r.Id, r.Title, r.Status, mine));
            }
        }
        return rows;
    }
}
