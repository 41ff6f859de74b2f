using Marketplace.Domain;
using Marketplace.Tendering;

namespace Marketplace.Rounds;

/// <summary>
/// What a round tells its applicants (issue 13): screened out with the reason, an adjusted amount to accept or decline,
/// funded with the amount or not funded when 立项公示 starts, the end of 立项公示 with the signing deadline, and the
/// answer to an objection. Kept in the round's state and copied into Notifications in the same transaction
/// (<c>RoundProjection</c>), as a tender's are; each goes to the one organization it concerns.
/// </summary>
public sealed partial class VentureRoundGrain
{
    private VentureRoundState Notify(VentureRoundState s, Recipient recipient, string text) =>
        s with { Notifications = s.Notifications.Add(new TenderNotification(Guid.CreateVersion7(Now), recipient, text, Now)) };

    private VentureRoundState NotifyApplicant(VentureRoundState s, Guid applicationId, Func<RoundApplication, string> text) =>
        s.Applications.FirstOrDefault(a => a.Id == applicationId) is { } a ? Notify(s, Recipient.Organization(a.Uscc), text(a)) : s;

    private VentureRoundState NotifyScreenedOut(VentureRoundState s, Guid applicationId, string reason) =>
        NotifyApplicant(s, applicationId, a => $"您申报的“{a.Proposal.Title}”未通过“{Settings.Title}”初审：{reason}");

    private VentureRoundState NotifyAdjusted(VentureRoundState s, Guid applicationId, AmountAdjustment adjustment) =>
        NotifyApplicant(s, applicationId, a => $"“{Settings.Title}”拟按 {MoneyFormat.Yuan(adjustment.Amount)} 资助您申报的“{a.Proposal.Title}”"
            + $"（申请 {MoneyFormat.Yuan(a.Proposal.Request)}），理由：{adjustment.Reason}。请在“我的创投”中接受或放弃");

    /// <summary>立项公示 starts: each ranked applicant learns whether, and with how much, its project is to be funded.</summary>
    private VentureRoundState NotifySelection(VentureRoundState s, SelectionResult selection, DateTimeOffset endsAt) =>
        NotifyLines(s, selection, (line, a) => line.Status == SelectionStatus.Funded
            ? $"您申报的“{a.Proposal.Title}”拟获“{Settings.Title}”资助 {MoneyFormat.Yuan(line.Amount!.Value)}（得分 {line.Score:0.00}），立项公示至 {ChinaTime.Minutes(endsAt)}"
            : $"您申报的“{a.Proposal.Title}”未获“{Settings.Title}”资助：{line.Status.Chinese()}（得分 {line.Score:0.00}）；立项公示至 {ChinaTime.Minutes(endsAt)}");

    /// <summary>立项公示 ends: the funded set is final; a funded project is told its signing deadline.</summary>
    private VentureRoundState NotifyPublicityEnded(VentureRoundState s, SelectionResult final, DateTimeOffset signingDue) =>
        NotifyLines(s, final, (line, a) => line.Status == SelectionStatus.Funded
            ? $"“{Settings.Title}”立项公示已结束：“{a.Proposal.Title}”确定资助 {MoneyFormat.Yuan(line.Amount!.Value)}，请于 {ChinaTime.Minutes(signingDue)} 前签订合同，逾期资助资金将释放"
            : $"“{Settings.Title}”立项公示已结束：“{a.Proposal.Title}”未获资助（{line.Status.Chinese()}）");

    private VentureRoundState NotifyLines(VentureRoundState s, SelectionResult selection, Func<SelectionLine, RoundApplication, string> text) =>
        selection.Lines.Aggregate(s, (next, line) => NotifyApplicant(next, line.ApplicationId, a => text(line, a)));

    private VentureRoundState NotifyObjectionAnswered(VentureRoundState s, RoundObjection o, bool upheld, string answer)
    {
        s = Notify(s, Recipient.Organization(o.Uscc), $"您对“{Settings.Title}”立项公示提出的异议已答复：{(upheld ? "异议成立" : "异议不成立")}，{answer}");
        return upheld
            ? NotifyApplicant(s, o.ApplicationId, a => $"“{Settings.Title}”立项公示的异议成立，“{a.Proposal.Title}”的资助已取消：{answer}")
            : s;
    }
}
