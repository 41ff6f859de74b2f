using System.Collections.Immutable;
using Marketplace.Budgets;
using Marketplace.Domain;
using Marketplace.Persistence;

namespace Marketplace.Rounds;

/// <summary>
/// The pool in the ledger (SPEC §3.9, docs/decisions/0005): opening encumbers each paying street's share
/// (reference <c>round:{id}</c>, flagged 公益 so 福利彩票公益金 may pay); the end of 公示 re-sizes each share
/// to what its street funds, freeing the leftover; each contract's signing converts its amount from the
/// round's encumbrance. Every movement is one balanced group with a key of its own.
/// </summary>
public sealed partial class VentureRoundGrain
{
    private DocumentRef PoolReference => new(DocumentTypes.Round, Id.ToString("N"));

    /// <summary>Each street that pays and its part of the pool: the organizer street, or the district's shares.</summary>
    private ImmutableDictionary<long, Money> Pools => S.Organizer.StreetId is { } street
        ? ImmutableDictionary<long, Money>.Empty.Add(street, Settings.Pool)
        : Settings.Shares.ToImmutableDictionary(x => x.StreetId, x => x.Amount);

    private IStreetBudgetGrain BudgetOf(long streetId) => GrainFactory.GetStreetBudget(streetId, Settings.ServiceYear);

    private async Task<ImmutableArray<FieldError>> EncumberPoolAsync(string user)
    {
        var done = new List<long>();
        foreach (var (street, amount) in Pools.OrderBy(p => p.Key))
        {
            var outcome = await BudgetOf(street).EncumberAsync(new EncumberRequest($"round:{Id:N}:open:{street}:{S.OpenAttempts}", PoolReference,
                Settings.ServiceAreaCode, PublicWelfare: true, amount, [new(Settings.Source, amount)], $"公益创投资金池：{Settings.Title}", user));
            if (!outcome.Succeeded)
            {
                // A district round opens with every share held or none: what was taken goes back.
                foreach (var d in done)
                {
                    await BudgetOf(d).ReleaseEncumbranceAsync(new ReleaseEncumbranceRequest($"round:{Id:N}:undo:{d}:{S.OpenAttempts}", PoolReference, "开启创投未成功，释放资金池", user));
                }
                if (done.Count > 0)
                {
                    await state.CommitAsync(S with { OpenAttempts = S.OpenAttempts + 1 });
                }
                // A district round names the share that does not fit (shown beside that street's line), a street round its pool.
                var field = S.Organizer.StreetId is null ? RoundRules.ShareField(street) : "Pool";
                return [.. outcome.Errors.Select(e => new FieldError(field, $"{Settings.ServiceYear}年度预算：{e.Message}"))];
            }
            done.Add(street);
        }
        return [];
    }

    /// <summary>Cancelled: everything the round still holds goes back to available.</summary>
    private async Task ReleasePoolAsync(string step, string reason, string user)
    {
        if (S.OpenedAt is null)
        {
            return;
        }
        foreach (var street in Pools.Keys)
        {
            var outcome = await BudgetOf(street).ReleaseEncumbranceAsync(new ReleaseEncumbranceRequest($"round:{Id:N}:{step}:{street}", PoolReference, reason, user));
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException($"Releasing the pool of round {Id} failed: {outcome.Errors[0].Message}");
            }
        }
    }

    /// <summary>The end of 公示: each street's encumbrance becomes exactly what it funds; the leftover goes back to available.</summary>
    private async Task ReleaseLeftoverAsync(SelectionResult final, string user)
    {
        foreach (var (street, share) in Pools)
        {
            var funded = share - final.LeftoverByStreet.GetValueOrDefault(street, share);
            var key = $"round:{Id:N}:leftover:{street}";
            var reason = $"公益创投立项公示结束，未使用资金释放：{Settings.Title}";
            var outcome = funded.IsZero
                ? (await BudgetOf(street).ReleaseEncumbranceAsync(new ReleaseEncumbranceRequest(key, PoolReference, reason, user))).Errors
                : (await BudgetOf(street).ResizeEncumbranceAsync(new ResizeEncumbranceRequest(key, PoolReference, funded, [new(Settings.Source, funded)], reason, user))).Errors;
            if (!outcome.IsDefaultOrEmpty)
            {
                throw new InvalidOperationException($"Releasing the leftover of round {Id} failed: {outcome[0].Message}");
            }
        }
    }
}
