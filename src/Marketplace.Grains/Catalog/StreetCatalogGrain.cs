using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Persistence;

namespace Marketplace.Catalog;

public sealed class StreetCatalogGrain(
    [PersistentState("catalog", StorageNames.Marketplace)] IPersistentState<StreetCatalogState> state,
    ICatalogReferenceData reference,
    TimeProvider clock) : Grain, IStreetCatalogGrain
{
    private const string Stale = "该事项已被他人修改，请刷新页面后重新编辑";
    private const string Missing = "事项不存在";

    private long StreetId => this.GetPrimaryKeyLong();

    public Task<ImmutableArray<TransferItem>> GetItemsAsync() =>
        Task.FromResult(state.State.Items.Values.OrderByDescending(i => i.UpdatedAt).ThenBy(i => i.Fields.Title, StringComparer.Ordinal).ToImmutableArray());

    public Task<TransferItem?> GetItemAsync(Guid itemId) =>
        Task.FromResult(state.State.Items.GetValueOrDefault(itemId));

    public async Task<Outcome<TransferItem>> CreateAsync(TransferItemDraft draft, string user)
    {
        draft = CatalogRules.Normalise(draft);
        var errors = await ValidateAsync(draft);
        if (!errors.IsEmpty)
        {
            return Outcome<TransferItem>.Fail(errors);
        }
        var item = Created(draft, user);
        await SaveAsync(item);
        return Outcome<TransferItem>.Ok(item);
    }

    public async Task<Outcome<ImmutableArray<TransferItem>>> ImportAsync(ImmutableArray<TransferItemImport> items, string user)
    {
        var made = ImmutableArray.CreateBuilder<TransferItem>(items.Length);
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        var areas = (await reference.ServiceAreaCodesAsync()).ToHashSet(); // read and copied once for the whole import
        foreach (var (import, index) in items.Select((x, i) => (x, i)))
        {
            var draft = CatalogRules.Normalise(import.Draft);
            var refused = await ValidateAsync(draft, areas);
            errors.AddRange(refused.Select(e => e with { Field = $"[{index}].{e.Field}" }));
            var item = Created(draft, user);
            // The same two steps as create then publish (version 2, published by the same user), one write.
            made.Add(import.Publish ? Next(Published(item), user) : item);
        }
        if (errors.Count > 0)
        {
            return Outcome<ImmutableArray<TransferItem>>.Fail(errors.ToImmutable());
        }
        var imported = made.MoveToImmutable();
        await state.CommitAsync(state.State with { Items = state.State.Items.SetItems(imported.Select(i => KeyValuePair.Create(i.Id, i))) });
        return Outcome<ImmutableArray<TransferItem>>.Ok(imported);
    }

    public async Task<Outcome<TransferItem>> UpdateAsync(Guid itemId, int expectedVersion, TransferItemDraft draft, string user)
    {
        if (Current(itemId, expectedVersion) is { } refused)
        {
            return refused;
        }
        draft = CatalogRules.Normalise(draft);
        var errors = await ValidateAsync(draft);
        if (!errors.IsEmpty)
        {
            return Outcome<TransferItem>.Fail(errors);
        }
        var item = state.State.Items[itemId];
        return await ChangeAsync(item with { Fields = draft }, user);
    }

    public async Task<Outcome<TransferItem>> PublishAsync(Guid itemId, int expectedVersion, string user)
    {
        if (Current(itemId, expectedVersion) is { } refused)
        {
            return refused;
        }
        var item = state.State.Items[itemId];
        if (item.Status == TransferItemStatus.Published)
        {
            return Outcome<TransferItem>.Fail("", "该事项已发布");
        }
        // Rules may have changed since the draft was saved (a guiding entry retired): check again.
        var errors = await ValidateAsync(item.Fields);
        if (!errors.IsEmpty)
        {
            return Outcome<TransferItem>.Fail(errors);
        }
        return await ChangeAsync(Published(item), user);
    }

    public async Task<Outcome<TransferItem>> WithdrawAsync(Guid itemId, int expectedVersion, string user)
    {
        if (Current(itemId, expectedVersion) is { } refused)
        {
            return refused;
        }
        var item = state.State.Items[itemId];
        if (item.Status != TransferItemStatus.Published)
        {
            return Outcome<TransferItem>.Fail("", "只有已发布的事项可以撤回");
        }
        return await ChangeAsync(item with { Status = TransferItemStatus.Withdrawn }, user);
    }

    private Outcome<TransferItem>? Current(Guid itemId, int expectedVersion)
    {
        if (!state.State.Items.TryGetValue(itemId, out var item))
        {
            return Outcome<TransferItem>.Fail("", Missing);
        }
        return item.Version == expectedVersion ? null : Outcome<TransferItem>.Fail("", Stale);
    }

    private async Task<Outcome<TransferItem>> ChangeAsync(TransferItem changed, string user)
    {
        var next = Next(changed, user);
        await SaveAsync(next);
        return Outcome<TransferItem>.Ok(next);
    }

    private TransferItem Created(TransferItemDraft draft, string user)
    {
        var now = clock.GetUtcNow();
        return new TransferItem(Guid.NewGuid(), StreetId, draft, TransferItemStatus.Draft, 1, now, now, null, user);
    }

    private TransferItem Published(TransferItem item) =>
        item with { Status = TransferItemStatus.Published, PublishedAt = clock.GetUtcNow() };

    private TransferItem Next(TransferItem changed, string user) =>
        changed with { Version = changed.Version + 1, UpdatedAt = clock.GetUtcNow(), UpdatedBy = user };

    private Task SaveAsync(TransferItem item) =>
        state.CommitAsync(state.State with { Items = state.State.Items.SetItem(item.Id, item) });

    private async Task<ImmutableArray<FieldError>> ValidateAsync(TransferItemDraft draft, ISet<string>? areas = null)
    {
        areas ??= (await reference.ServiceAreaCodesAsync()).ToHashSet();
        var errors = CatalogRules.Validate(draft, areas);
        // 102号令 / 指导性目录: only what the district's guiding catalogue lists may be bought.
        if (string.IsNullOrWhiteSpace(draft.GuidingEntryCode))
        {
            errors = errors.Add(new(nameof(draft.GuidingEntryCode), "请选择所属指导性目录条目"));
        }
        else if (!await reference.GuidingEntryExistsAsync(StreetId, draft.GuidingEntryCode))
        {
            errors = errors.Add(new(nameof(draft.GuidingEntryCode), "所选条目不在本区政府购买服务指导性目录中"));
        }
        return errors;
    }
}
