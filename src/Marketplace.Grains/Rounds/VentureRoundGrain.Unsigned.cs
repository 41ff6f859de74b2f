using Marketplace.Budgets;
using Marketplace.Contracts;
using Marketplace.Domain;

namespace Marketplace.Rounds;

/// <summary>
/// A funded project whose contract is never signed (SPEC §3.9: money is held only for what will be spent): on the
/// organizer's action its draft contract is terminated and its amount leaves the round's encumbrance for available,
/// one balanced group with the key <c>round:{id}:unsigned:{application}</c>, so a repeat after a failure posts nothing twice.
/// </summary>
public sealed partial class VentureRoundGrain
{
    public async Task<Outcome> ReleaseUnsignedAsync(RoundOrganizer organizer, Guid applicationId, string reason, string user)
    {
        if (!IsOrganizer(organizer))
        {
            return Outcome.Fail("", Missing);
        }
        if (FundedLine(applicationId) is not { } line)
        {
            return Outcome.Fail("", "只能释放已立项项目的资金");
        }
        if (S.Unsigned.Contains(applicationId))
        {
            return Outcome.Fail("", "该项目的资金已释放");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome.Fail("Reason", "请填写释放理由（如逾期未签订合同）");
        }
        return await ReleaseCoreAsync(line, reason.Trim(), user);
    }

    /// <summary>Who the release at the signing deadline is recorded as.</summary>
    private const string SigningDueUser = "系统（签约期限届满）";

    public async Task<Outcome> SigningOverdueAsync(Guid applicationId)
    {
        if (!S.Created)
        {
            return Outcome.Fail("", Missing);
        }
        // Early, released already (a second run, or the organizer did it), or not a funded project: nothing to do.
        if (S.SigningDueAt is not { } due || Now < due || S.Unsigned.Contains(applicationId) || FundedLine(applicationId) is not { } line)
        {
            return Outcome.Ok;
        }
        if (S.Contracts.Contains(applicationId) && await GrainFactory.GetGrain<IContractGrain>(applicationId).GetAsync() is { } c
            && c.StreetSignature is not null && c.OrganizationSignature is not null)
        {
            return Outcome.Ok; // signed: the money is the contract's commitment now
        }
        return await ReleaseCoreAsync(line, $"立项公示结束后{Settings.SigningDaysOrDefault}日内未签订合同（{ChinaTime.Minutes(due)}到期）", SigningDueUser);
    }

    private SelectionLine? FundedLine(Guid applicationId) => S.Status == RoundStatus.Contracts
        ? S.Final?.Lines.FirstOrDefault(l => l.ApplicationId == applicationId && l.Status == SelectionStatus.Funded)
        : null;

    /// <summary>Ends the project's draft contract, then releases its amount and records it, one ledger key per project.</summary>
    private async Task<Outcome> ReleaseCoreAsync(SelectionLine line, string reason, string user)
    {
        var applicationId = line.ApplicationId;
        var street = S.Applications.Single(a => a.Id == applicationId).Proposal.StreetId;
        var contract = GrainFactory.GetGrain<IContractGrain>(applicationId);
        if (S.Contracts.Contains(applicationId) && await contract.GetAsync() is { } c)
        {
            if (c.StreetSignature is not null && c.OrganizationSignature is not null)
            {
                return Outcome.Fail("", "合同已签订，资金已转为合同承诺，请通过合同终止处理");
            }
            if (c.Status == ContractStatus.Drafted)
            {
                var ended = await contract.TerminateAsync(street, "未签订合同，释放资助资金：" + reason, user);
                if (!ended.Succeeded)
                {
                    return Outcome.Fail(ended.Errors);
                }
            }
        }
        var errors = await ReleaseProjectAsync(street, applicationId, line.Amount!.Value, reason, user);
        if (!errors.IsDefaultOrEmpty)
        {
            return Outcome.Fail(errors);
        }
        await CommitAsync(S with { Unsigned = S.Unsigned.Add(applicationId), Version = S.Version + 1 });
        return Outcome.Ok;
    }

    /// <summary>The street's round encumbrance shrinks by the project's amount (released when nothing is left).</summary>
    private async Task<System.Collections.Immutable.ImmutableArray<FieldError>> ReleaseProjectAsync(long street, Guid applicationId, Money amount, string reason, string user)
    {
        var budget = BudgetOf(street);
        var key = $"round:{Id:N}:unsigned:{applicationId:N}";
        var text = $"公益创投项目未签订合同，释放资助资金：{reason}";
        var held = Money.Sum((await budget.GetEncumbranceAsync(PoolReference)).Select(x => x.Amount));
        var rest = held - amount;
        return rest.IsZero || rest < Money.Zero
            ? (await budget.ReleaseEncumbranceAsync(new ReleaseEncumbranceRequest(key, PoolReference, text, user))).Errors
            : (await budget.ResizeEncumbranceAsync(new ResizeEncumbranceRequest(key, PoolReference, rest, [new(Settings.Source, rest)], text, user))).Errors;
    }
}
