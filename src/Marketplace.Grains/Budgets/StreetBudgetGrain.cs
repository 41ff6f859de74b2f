using System.Collections.Immutable;
using Marketplace.Catalog;
using Marketplace.Domain;
using Marketplace.Persistence;

namespace Marketplace.Budgets;

public sealed partial class StreetBudgetGrain(
    [PersistentState("budget", StorageNames.Marketplace)] IPersistentState<StreetBudgetState> state,
    IBudgetPolicySource policies,
    ICatalogReferenceData reference,
    TimeProvider clock) : Grain, IStreetBudgetGrain
{
    private const string Stale = "预算已被他人修改，请刷新页面后重试";
    private const string KeyReused = "该幂等键已用于另一笔业务";

    private LedgerBook? _book;
    private StreetBudgetState? _bookOf;

    /// <summary>Balances folded from the current state; rebuilt whenever the state object changes (or is restored).</summary>
    private LedgerBook Book
    {
        get
        {
            if (_book is null || !ReferenceEquals(_bookOf, state.State))
            {
                _book = new LedgerBook(state.State.Groups);
                _bookOf = state.State;
            }
            return _book;
        }
    }

    private (long StreetId, int Year)? Key =>
        StreetBudgetKey.TryParse(this.GetPrimaryKeyString(), out var street, out var year) ? (street, year) : null;

    public Task<StreetBudgetSnapshot> GetAsync()
    {
        var (street, year) = Key ?? (0, 0);
        var planned = BudgetRules.Normalise(state.State.Budget?.Entry.Lines ?? []);
        var book = Book;
        var sources = FundingSources.All.Select(s =>
        {
            var f = book.Figures(s);
            return new SourceBalance(s, planned.First(l => l.Source == s).Amount, f.Allocated, f.Available, f.Committed, f.Disbursed, f.Encumbered);
        });
        return Task.FromResult(new StreetBudgetSnapshot(street, year, state.State.Budget, [.. sources], state.State.Groups.Count));
    }

    public Task<ImmutableArray<PostingGroup>> GetGroupsAsync() => Task.FromResult(state.State.Groups.ToImmutableArray());

    public async Task<Outcome<AnnualBudget>> EnterBudgetAsync(BudgetEntry entry, int expectedVersion, string user)
    {
        var entered = await EnteredAsync(entry, expectedVersion, user);
        if (entered.Succeeded)
        {
            await state.CommitAsync(state.State with { Budget = entered.Value });
        }
        return entered;
    }

    public async Task<Outcome<AnnualBudget>> EnterConfirmedBudgetAsync(BudgetEntry entry, int expectedVersion, string enteredBy, string confirmedBy)
    {
        var entered = await EnteredAsync(entry, expectedVersion, enteredBy);
        if (!entered.Succeeded)
        {
            return entered;
        }
        // The entry changes no posting, so the confirmation is checked against the same books.
        var (confirmed, next) = Confirmation(entered.Value!, confirmedBy);
        if (!confirmed.Succeeded)
        {
            return confirmed;
        }
        await state.CommitAsync(next!);
        return confirmed;
    }

    /// <summary>The street's entry (pending the district's confirmation), validated; nothing is written.</summary>
    private async Task<Outcome<AnnualBudget>> EnteredAsync(BudgetEntry entry, int expectedVersion, string user)
    {
        if (await PolicyAsync() is not { } policy)
        {
            return Outcome<AnnualBudget>.Fail("", "街道或年度不存在");
        }
        var current = state.State.Budget;
        if ((current?.Version ?? 0) != expectedVersion)
        {
            return Outcome<AnnualBudget>.Fail("", Stale);
        }
        var lines = BudgetRules.Normalise(entry.Lines);
        var errors = BudgetRules.ValidateSplit(entry.Total, lines, totalMustBePositive: true)
            .AddRange(BudgetRules.ValidateSources(policy, lines, publicWelfare: null));
        if ((entry.Note?.Length ?? 0) > BudgetRules.ReasonMax)
        {
            errors = errors.Add(new("Note", $"说明不能超过 {BudgetRules.ReasonMax} 个字"));
        }
        if (string.IsNullOrWhiteSpace(user))
        {
            errors = errors.Add(new("User", "缺少经办人"));
        }
        // Money held by published notices, committed to contracts or paid out cannot be budgeted away.
        foreach (var line in lines)
        {
            var used = Book.Allocated(line.Source) - Book.Available(line.Source);
            if (line.Amount < used)
            {
                errors = errors.Add(new(BudgetRules.FieldOf(line.Source),
                    $"不能低于该来源已占用、已承诺和已支付的合计 {MoneyFormat.Yuan(used)}"));
            }
        }
        if (!errors.IsEmpty)
        {
            return Outcome<AnnualBudget>.Fail(errors);
        }
        return Outcome<AnnualBudget>.Ok(new AnnualBudget(entry with { Lines = lines, Note = entry.Note?.Trim() ?? "" },
            BudgetStatus.PendingConfirmation, expectedVersion + 1, user, clock.GetUtcNow(), null, null));
    }

    public async Task<Outcome<AnnualBudget>> ConfirmBudgetAsync(int expectedVersion, string user)
    {
        var budget = state.State.Budget;
        if (budget is null || Key is null)
        {
            return Outcome<AnnualBudget>.Fail("", "街道尚未填报该年度预算");
        }
        if (budget.Version != expectedVersion)
        {
            return Outcome<AnnualBudget>.Fail("", Stale);
        }
        if (budget.Status == BudgetStatus.Confirmed)
        {
            return Outcome<AnnualBudget>.Fail("", "该版本预算已确认");
        }
        var (confirmed, next) = Confirmation(budget, user);
        if (confirmed.Succeeded)
        {
            await state.CommitAsync(next!);
        }
        return confirmed;
    }

    /// <summary>The district's confirmation of an entered budget: the change per source allocated (posted); nothing is written.</summary>
    private (Outcome<AnnualBudget> Outcome, StreetBudgetState? Next) Confirmation(AnnualBudget budget, string user)
    {
        var (street, year) = Key!.Value;
        var postings = ImmutableArray.CreateBuilder<Posting>();
        foreach (var line in budget.Entry.Lines)
        {
            var delta = line.Amount - Book.Allocated(line.Source);
            if (!delta.IsZero)
            {
                postings.Add(new(line.Source, LedgerAccountKind.Available, delta));
                postings.Add(new(line.Source, LedgerAccountKind.Appropriation, -delta));
            }
        }
        if (Overdrawn(postings) is { IsEmpty: false } overdrawn)
        {
            return (Outcome<AnnualBudget>.Fail(overdrawn), null);
        }
        var now = clock.GetUtcNow();
        var confirmed = budget with { Status = BudgetStatus.Confirmed, ConfirmedBy = user, ConfirmedAt = now };
        var groups = state.State.Groups;
        if (postings.Count > 0)
        {
            var document = new DocumentRef(DocumentTypes.Budget, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{year}-v{budget.Version}"));
            groups = groups.Add(NewGroup(PostingKind.Allocation, $"budget:{street}:{year}:v{budget.Version}",
                $"{year}年度预算确认下达（第{budget.Version}版）", user, document, null, null, null, postings.ToImmutable()));
        }
        return (Outcome<AnnualBudget>.Ok(confirmed), state.State with { Budget = confirmed, Groups = groups });
    }

    public async Task<Outcome<PostingGroup>> CommitAsync(CommitRequest r)
    {
        if (Replay(r.IdempotencyKey, PostingKind.Commitment, r.Contract) is { } replayed)
        {
            return replayed;
        }
        var split = BudgetRules.Normalise(r.Split);
        var errors = BudgetRules.ValidateText(r.IdempotencyKey, r.Reason, r.User).AddRange(CheckDocument("Contract", r.Contract));
        var check = await CommitRulesAsync(r.Total, split, r.PublicWelfare);
        errors = errors.AddRange(check.Errors.IsDefault ? [] : check.Errors);
        errors = errors.AddRange(await AreaErrorsAsync(r.ServiceAreaCode));
        if (!errors.IsEmpty)
        {
            return Outcome<PostingGroup>.Fail(errors);
        }
        var postings = Move(split, LedgerAccountKind.Available, LedgerAccountKind.Committed);
        return await PostAsync(NewGroup(PostingKind.Commitment, r.IdempotencyKey, r.Reason, r.User, r.Contract, r.Contract,
            r.ServiceAreaCode, null, [.. postings]));
    }

    public Task<Outcome<PostingGroup>> DisburseAsync(MovementRequest request) =>
        MoveCommittedAsync(request, PostingKind.Disbursement, LedgerAccountKind.Disbursed);

    public Task<Outcome<PostingGroup>> ReleaseAsync(MovementRequest request) =>
        MoveCommittedAsync(request, PostingKind.Release, LedgerAccountKind.Available);

    public async Task<Outcome<PostingGroup>> ReverseAsync(ReversalRequest r)
    {
        var document = new DocumentRef(DocumentTypes.Adjustment, r.GroupId.ToString("N"));
        if (Replay(r.IdempotencyKey, PostingKind.Reversal, document) is { } replayed)
        {
            return replayed;
        }
        var errors = BudgetRules.ValidateText(r.IdempotencyKey, r.Reason, r.User);
        var original = Book.ById(r.GroupId);
        if (original is null)
        {
            errors = errors.Add(new("GroupId", "要冲正的分录不存在"));
        }
        else if (original.Kind == PostingKind.Reversal)
        {
            errors = errors.Add(new("GroupId", "冲正分录不能再次冲正"));
        }
        else if (original.Kind == PostingKind.Allocation)
        {
            errors = errors.Add(new("GroupId", "预算下达请通过重新填报年度预算并经区确认来调整"));
        }
        else if (Book.IsReversed(original.Id))
        {
            errors = errors.Add(new("GroupId", "该分录已冲正"));
        }
        if (!errors.IsEmpty)
        {
            return Outcome<PostingGroup>.Fail(errors);
        }
        var postings = original!.Postings.Select(p => p with { Amount = -p.Amount }).ToImmutableArray();
        if (Overdrawn(postings) is { IsEmpty: false } overdrawn)
        {
            return Outcome<PostingGroup>.Fail(overdrawn);
        }
        return await PostAsync(NewGroup(PostingKind.Reversal, r.IdempotencyKey, r.Reason, r.User, document,
            original.Commitment, original.ServiceAreaCode, original.Id, postings) with { Encumbrance = original.Encumbrance });
    }

    public async Task<Outcome> CanCommitAsync(Money total, ImmutableArray<SourceAmount> split, bool publicWelfare) =>
        await CommitRulesAsync(total, BudgetRules.Normalise(split), publicWelfare);

    public Task<ImmutableArray<string>> CheckAsync() => Task.FromResult(LedgerChecks.Check(state.State));

    private async Task<Outcome<PostingGroup>> MoveCommittedAsync(MovementRequest r, PostingKind kind, LedgerAccountKind to)
    {
        if (Replay(r.IdempotencyKey, kind, r.Document) is { } replayed)
        {
            return replayed;
        }
        var split = BudgetRules.Normalise(r.Split);
        var errors = BudgetRules.ValidateText(r.IdempotencyKey, r.Reason, r.User)
            .AddRange(CheckDocument("Contract", r.Contract))
            .AddRange(CheckDocument("Document", r.Document))
            .AddRange(BudgetRules.ValidateSplit(r.Total, split, totalMustBePositive: true));
        if (errors.IsEmpty && !Book.HasCommitment(r.Contract))
        {
            errors = errors.Add(new("Contract", "该合同没有承诺记录"));
        }
        if (errors.IsEmpty)
        {
            foreach (var line in split.Where(l => l.Amount > Book.Outstanding(r.Contract, l.Source)))
            {
                errors = errors.Add(new(BudgetRules.FieldOf(line.Source),
                    $"超过该合同{line.Source.Chinese()}尚未支付的承诺金额 {MoneyFormat.Yuan(Book.Outstanding(r.Contract, line.Source))}"));
            }
        }
        if (!errors.IsEmpty)
        {
            return Outcome<PostingGroup>.Fail(errors);
        }
        var postings = Move(split, LedgerAccountKind.Committed, to);
        return await PostAsync(NewGroup(kind, r.IdempotencyKey, r.Reason, r.User, r.Document, r.Contract,
            Book.AreaOf(r.Contract), null, [.. postings]));
    }

    /// <summary>Split, district restrictions and availability for a commitment; nothing is written.</summary>
    private async Task<Outcome> CommitRulesAsync(Money total, ImmutableArray<SourceAmount> split, bool publicWelfare)
    {
        if (await PolicyAsync() is not { } policy)
        {
            return Outcome.Fail("", "街道或年度不存在");
        }
        var errors = BudgetRules.ValidateSplit(total, split, totalMustBePositive: true);
        if (errors.IsEmpty)
        {
            errors = BudgetRules.ValidateSources(policy, split, publicWelfare);
        }
        if (errors.IsEmpty)
        {
            errors = errors.AddRange(Shortfalls(split));
        }
        return errors.IsEmpty ? Outcome.Ok : Outcome.Fail(errors);
    }

    /// <summary>Sources whose available money does not cover their share, the shortfall named (差 ¥…).</summary>
    private ImmutableArray<FieldError> Shortfalls(IEnumerable<SourceAmount> needed) =>
        [.. needed.Where(l => l.Amount > Book.Available(l.Source)).Select(l => new FieldError(BudgetRules.FieldOf(l.Source),
            $"{l.Source.Chinese()}可用余额不足，差 {MoneyFormat.Yuan(l.Amount - Book.Available(l.Source))}"
            + $"（可用 {MoneyFormat.Yuan(Book.Available(l.Source))}，需要 {MoneyFormat.Yuan(l.Amount)}）"))];

    /// <summary>
    /// A key already posted answers with its group (the caller retried); a key used for a different
    /// movement is refused rather than silently answered with an unrelated group.
    /// </summary>
    private Outcome<PostingGroup>? Replay(string key, PostingKind kind, DocumentRef document)
    {
        if (string.IsNullOrEmpty(key) || Book.ByKey(key) is not { } existing)
        {
            return null;
        }
        return existing.Kind == kind && existing.Document == document
            ? Outcome<PostingGroup>.Ok(existing)
            : Outcome<PostingGroup>.Fail("IdempotencyKey", KeyReused);
    }

    private ImmutableArray<FieldError> Overdrawn(IEnumerable<Posting> postings) =>
        [.. Book.Overdrawn(postings).Select(o => new FieldError(BudgetRules.FieldOf(o.Source),
            $"{o.Source.Chinese()}{o.Account.Chinese()}余额不足，该操作会使其为负"))];

    private static ImmutableArray<FieldError> CheckDocument(string field, DocumentRef? document) =>
        document is null || string.IsNullOrWhiteSpace(document.Type) || string.IsNullOrWhiteSpace(document.Id)
            || document.Type.Length > 50 || document.Id.Length > 100
            ? [new FieldError(field, "缺少来源单据")]
            : [];

    private PostingGroup NewGroup(PostingKind kind, string key, string reason, string user, DocumentRef document,
        DocumentRef? commitment, string? area, Guid? reverses, ImmutableArray<Posting> postings)
    {
        var now = clock.GetUtcNow();
        return new PostingGroup(Guid.CreateVersion7(now), state.State.Groups.Count + 1, kind, key, reason.Trim(), user,
            document, commitment, area, reverses, now, postings);
    }

    private async Task<Outcome<PostingGroup>> PostAsync(PostingGroup group)
    {
        if (!group.Balances)
        {
            // Unreachable by construction; refusing here keeps an unbalanced group out of the books for good.
            throw new InvalidOperationException($"Posting group {group.Id} does not balance.");
        }
        await state.CommitAsync(state.State with { Groups = state.State.Groups.Add(group) });
        return Outcome<PostingGroup>.Ok(group);
    }

    private async Task<BudgetPolicy?> PolicyAsync() =>
        Key is var (street, _) ? await policies.ForStreetAsync(street) : null;
}
