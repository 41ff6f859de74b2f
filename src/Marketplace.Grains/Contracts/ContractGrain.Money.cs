using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Persistence;

namespace Marketplace.Contracts;

/// <summary>Every movement of the contract's money goes through the street's budget grain with a key of its own.</summary>
public sealed partial class ContractGrain
{
    private IStreetBudgetGrain Budget => GrainFactory.GetStreetBudget(S.StreetId, S.Year);
    private DocumentRef ContractDocument => new(DocumentTypes.Contract, Id.ToString("N"));
    private string Key(string movement) => string.Create(CultureInfo.InvariantCulture, $"contract:{Id:N}:{movement}");

    /// <summary>
    /// Signing turns the money into a commitment (SPEC §3.9): the purchase's encumbrance (预算占用, held since the
    /// notice was published and re-sized at the award) is converted, and what the contract does not take is freed.
    /// A purchase awarded before notices held their money has nothing held: it commits from available.
    /// </summary>
    private async Task<Outcome<PostingGroup>> CommitBudgetAsync(string user)
    {
        var reason = $"合同签订：{S.Title}（{S.OrganizationName}）";
        if (S.RoundId is { } round)
        {
            // A funded 公益创投 project: its amount leaves the round's pool, the rest stays held for the other projects.
            return await Budget.ConvertEncumbranceToCommitmentAsync(new ConvertEncumbranceRequest(Key("commit"), new DocumentRef(DocumentTypes.Round, round.ToString("N")),
                ContractDocument, S.Amount, S.Funding, reason, user, KeepRest: true));
        }
        var purchase = new DocumentRef(DocumentTypes.Tender, Id.ToString("N"));
        if ((await Budget.GetEncumbranceAsync(purchase)).Any(h => !h.Amount.IsZero))
        {
            return await Budget.ConvertEncumbranceToCommitmentAsync(new ConvertEncumbranceRequest(Key("commit"), purchase, ContractDocument,
                S.Amount, S.Funding, reason, user));
        }
        return await Budget.CommitAsync(new CommitRequest(Key("commit"), ContractDocument, S.ServiceAreaCode, false, S.Amount, S.Funding, reason, user));
    }

    private async Task<Outcome> CommitIncreaseAsync(Money increase, ImmutableArray<SourceAmount> funding, string user)
    {
        var split = funding.Select(f => f with { Amount = f.Amount - S.Funding.Single(x => x.Source == f.Source).Amount })
            .Where(f => !f.Amount.IsZero).ToImmutableArray();
        if (split.Any(f => f.Amount.IsNegative))
        {
            return Outcome.Fail("Amount", "变更后各资金来源的金额不能减少");
        }
        if (S.Status == ContractStatus.Drafted)
        {
            return await Budget.CanCommitAsync(increase, split, false);
        }
        var posted = await Budget.CommitAsync(new CommitRequest(Key($"amend:{S.Amendments.Length + 1}"), ContractDocument, S.ServiceAreaCode,
            false, increase, split, $"合同变更增加金额：{S.Title}", user));
        return posted.Succeeded ? Outcome.Ok : Outcome.Fail(posted.Errors);
    }

    private Task<Outcome<PostingGroup>> ReleaseTrancheAsync(Tranche t, string reason, string user) =>
        Budget.ReleaseAsync(new MovementRequest(Key($"t{t.No}:release"), ContractDocument, TrancheDocument(t), t.Amount, t.Split, reason, user));

    private DocumentRef TrancheDocument(Tranche t) =>
        new(DocumentTypes.Tranche, string.Create(CultureInfo.InvariantCulture, $"{Id:N}-{t.No}"));

    public async Task<Outcome<PaymentInstruction>> PayTrancheAsync(long streetId, int trancheNo, string user)
    {
        if (Refusal(streetId: streetId) is not null)
        {
            return Outcome<PaymentInstruction>.Fail("", NotFound);
        }
        if (trancheNo < 1 || trancheNo > S.Tranches.Length)
        {
            return Outcome<PaymentInstruction>.Fail("Tranche", "付款节点不存在");
        }
        var t = S.Tranches[trancheNo - 1];
        if (PayRefusal(t) is { } reason)
        {
            return Outcome<PaymentInstruction>.Fail("Tranche", reason);
        }
        var reference = ContractNumbers.PaymentReference(Id, t.No);
        var posted = await Budget.DisburseAsync(new MovementRequest(Key($"t{t.No}:pay"), ContractDocument, TrancheDocument(t), t.Amount, t.Split,
            $"评估兑现：{S.Title} 第{t.No}笔（{t.Gate.Chinese()}）", user));
        if (!posted.Succeeded)
        {
            return Outcome<PaymentInstruction>.Fail(posted.Errors);
        }
        var payment = new PaymentInstruction(S.OrganizationName, S.Account!, t.Amount, reference, user, Now, posted.Value!.Id);
        var next = S with { Tranches = S.Tranches.SetItem(t.No - 1, t with { Status = TrancheStatus.Paid, Payment = payment }), Version = S.Version + 1 };
        next = next with { Status = StatusAfterPayment(next) };
        next = Notify(next, ["org:" + S.Uscc], $"合同“{S.Title}”第{t.No}笔款项 {MoneyFormat.Yuan(t.Amount)} 已确认支付，付款参考号 {reference}");
        await state.CommitAsync(next);
        return Outcome<PaymentInstruction>.Ok(payment);
    }

    private string? PayRefusal(Tranche t) => (S.Status, t.Status) switch
    {
        (ContractStatus.Terminated, _) => "合同已终止，不能支付",
        (ContractStatus.Drafted, _) => "合同尚未签订，不能支付",
        (_, TrancheStatus.Paid) => "该付款节点已支付",
        (_, TrancheStatus.Held) => "该付款节点评估不合格，整改期内暂缓支付",
        (_, TrancheStatus.Released) => "该付款节点已收回，不能支付",
        _ when t.Gate != TrancheGate.Signing && S.EvaluationOf(t.No) is not { Grade: { } g } => "该付款节点的评估尚未完成",
        _ when t.Gate != TrancheGate.Signing && !S.EvaluationOf(t.No)!.Grade!.Value.Passed() => "该付款节点评估不合格，不能支付",
        _ when S.Tranches.Any(p => p.No < t.No && p.Status == TrancheStatus.Planned) => "请先支付前一笔款项",
        _ => null,
    };

    /// <summary>Paid on signing → 服务中; the last tranche settled → 已结项.</summary>
    private static ContractStatus StatusAfterPayment(ContractState s) =>
        s.Tranches.All(t => t.Status is TrancheStatus.Paid or TrancheStatus.Released) ? ContractStatus.Closed
        : s.Status == ContractStatus.Signed ? ContractStatus.InService
        : s.Status;
}
