using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Persistence;

namespace Marketplace.Tendering;

public sealed class ExpertPoolGrain(
    [PersistentState("experts", StorageNames.Marketplace)] IPersistentState<ExpertPoolState> state) : Grain, IExpertPoolGrain
{
    public Task<ImmutableArray<Expert>> GetExpertsAsync() =>
        Task.FromResult(state.State.Experts.Values.OrderBy(e => e.Field).ThenBy(e => e.Name).ToImmutableArray());

    public async Task<Outcome<Expert>> AddAsync(ExpertDraft draft)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(draft.Name) || draft.Name.Trim().Length > 50)
        {
            errors.Add(new(nameof(draft.Name), "请填写专家姓名（不超过50字）"));
        }
        if (string.IsNullOrWhiteSpace(draft.Field))
        {
            errors.Add(new(nameof(draft.Field), "请选择专业领域"));
        }
        if (string.IsNullOrWhiteSpace(draft.Employer))
        {
            errors.Add(new(nameof(draft.Employer), "请填写工作单位"));
        }
        if (draft.UserName is { Length: > 0 } user && state.State.Experts.Values.Any(e => e.UserName == user))
        {
            errors.Add(new(nameof(draft.UserName), "该账号已登记为专家"));
        }
        if (errors.Count > 0)
        {
            return Outcome<Expert>.Fail([.. errors]);
        }
        var expert = new Expert(Guid.NewGuid(), draft.Name.Trim(), draft.Field.Trim(), draft.Employer.Trim(),
            Blank(draft.EmployerUscc), Blank(draft.UserName), draft.OfficialOfStreetId,
            draft.TiedUsccs.IsDefault ? [] : draft.TiedUsccs, true);
        await state.CommitAsync(state.State with { Experts = state.State.Experts.SetItem(expert.Id, expert) });
        return Outcome<Expert>.Ok(expert);
    }

    public async Task<Outcome<Expert>> SetActiveAsync(Guid expertId, bool active)
    {
        if (!state.State.Experts.TryGetValue(expertId, out var expert))
        {
            return Outcome<Expert>.Fail("", "专家不存在");
        }
        var next = expert with { Active = active };
        await state.CommitAsync(state.State with { Experts = state.State.Experts.SetItem(expertId, next) });
        return Outcome<Expert>.Ok(next);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
