using System.Collections.Immutable;
using Marketplace.Calendar;
using Marketplace.Catalog;
using Marketplace.Domain;
using Marketplace.Persistence;

namespace Marketplace.Grid;

public sealed class StreetMattersGrain(
    [PersistentState("streetMatters", StorageNames.Marketplace)] IPersistentState<StreetMattersState> state,
    IMatterTimers timers,
    ICatalogReferenceData reference,
    TimeProvider clock) : Grain, IStreetMattersGrain
{
    private const string NotFound = "事项不存在";

    private StreetMattersState S => state.State;
    private long StreetId => this.GetPrimaryKeyLong();
    private DateTimeOffset Now => clock.GetUtcNow();

    public Task<StreetMattersView> GetAsync() => Task.FromResult(new StreetMattersView(S.Matters, S.Version));

    public async Task<Outcome<Guid>> ReportAsync(MatterReport r, string reporterUser, string by)
    {
        var grid = (await GrainFactory.GetGrain<IStreetGridGrain>(StreetId).GetAsync()).Find(r.GridNo);
        var errors = MatterRules.ValidateReport(r.Title, r.Text, r.Place, r.ServiceAreaCode, await reference.ServiceAreaCodesAsync(),
            r.PhotoSizes.IsDefault ? [] : r.PhotoSizes);
        if (grid is null)
        {
            errors = errors.Add(new("GridNo", "网格不存在"));
        }
        else if (r.Source == MatterSource.GridVisit && !grid.IsWorker(reporterUser))
        {
            errors = errors.Add(new("GridNo", "您不是该网格的网格长或网格员"));
        }
        if ((r.Source == MatterSource.Resident || !string.IsNullOrWhiteSpace(r.ResidentPhone)) && MatterRules.ValidatePhone(r.ResidentPhone) is { } phone)
        {
            errors = errors.Add(phone);
        }
        if (!errors.IsEmpty)
        {
            return Outcome<Guid>.Fail(errors);
        }
        var matter = new Matter
        {
            Id = Guid.NewGuid(), GridNo = r.GridNo, Source = r.Source, Title = r.Title.Trim(), ServiceAreaCode = r.ServiceAreaCode,
            Place = r.Place.Trim(), Text = r.Text.Trim(), PhotoIds = r.PhotoIds.IsDefault ? [] : r.PhotoIds,
            ResidentName = r.ResidentName?.Trim() ?? "", ResidentPhone = r.ResidentPhone?.Trim() ?? "",
            Status = MatterStatus.Reported, ReportedAt = Now, Steps = [new($"{r.Source.Chinese()}：上报事项", by, Now)],
        };
        await CommitAsync(S.Matters.Add(matter));
        return Outcome<Guid>.Ok(matter.Id);
    }

    public async Task<Outcome> AssignAsync(long districtId, Guid id, MatterTier tier, string handler, DateOnly? solveBy, string by)
    {
        if (S.Matters.FirstOrDefault(x => x.Id == id) is not { } m)
        {
            return Outcome.Fail("", NotFound);
        }
        var errors = new List<FieldError>();
        if (m.Status != MatterStatus.Reported)
        {
            errors.Add(new("", $"事项{m.Status.Chinese()}，不能再分派"));
        }
        if (!Enum.IsDefined(tier))
        {
            errors.Add(new("Tier", "请选择处置层级"));
        }
        if (string.IsNullOrWhiteSpace(handler) || handler.Trim().Length > 40)
        {
            errors.Add(new("Handler", "请填写承办单位或承办人"));
        }
        var today = ChinaTime.Day(Now);
        if (solveBy is { } s && s < today)
        {
            errors.Add(new("SolveBy", "办结期限不能早于今天"));
        }
        if (errors.Count > 0)
        {
            return Outcome.Fail(errors);
        }
        var limits = await GrainFactory.GetGrain<IDistrictGridSettingsGrain>(districtId).GetAsync();
        var view = await GrainFactory.GetGrain<IDistrictCalendarGrain>(districtId).GetAsync();
        var due = MatterDeadlines.For(tier, Now, limits, new ChineseWorkCalendar(OfficialHolidaySchedules.Days, view.Amendments));
        if (solveBy is { } earlier && due.SolveBy is { } limit && EndOf(earlier) < limit)
        {
            due = due with { SolveBy = EndOf(earlier) }; // the street may ask for sooner, never later than the district's limit
        }
        var next = m with
        {
            Status = MatterStatus.Assigned, Tier = tier, Handler = handler.Trim(), Due = due,
            Steps = m.Steps.Add(new($"分派至{tier.Chinese()}：{handler.Trim()}，{tier.FirstStep()}期限 {Shown(due.FirstBy)}" +
                (due.SolveBy is { } sb ? $"，办结期限 {Shown(sb)}" : ""), by, Now)),
        };
        await CommitAsync(Replace(m, next));
        await timers.ScheduleFirstDueAsync(StreetId, id, due.FirstBy);
        if (due.SolveBy is { } solve)
        {
            await timers.ScheduleSolveDueAsync(StreetId, id, solve);
        }
        return Outcome.Ok;
    }

    public Task<Outcome> AcceptAsync(Guid id, string by) =>
        Step(id, [MatterStatus.Assigned], by, m => m.Tier == MatterTier.AboveStreet ? null : m with
        {
            Status = MatterStatus.Accepted, FirstStepAt = Now, Steps = m.Steps.Add(new($"{m.Tier!.Value.FirstStep()}", by, Now)),
        }, "上报上级的事项请使用“上报上级”");

    public Task<Outcome> HandleAsync(Guid id, string note, string by) =>
        Text(note, "Note", "请填写处置情况") ?? Step(id, [MatterStatus.Accepted], by, m => m with
        {
            Status = MatterStatus.Handled, Steps = m.Steps.Add(new("处置：" + note.Trim(), by, Now)),
        });

    public Task<Outcome> CloseAsync(Guid id, string result, string by) =>
        Text(result, "Result", "请填写办结结果") ?? Step(id, [MatterStatus.Accepted, MatterStatus.Handled], by, m => m with
        {
            Status = MatterStatus.Closed, ClosedAt = Now, Result = result.Trim(), Steps = m.Steps.Add(new("办结：" + result.Trim(), by, Now)),
        });

    public Task<Outcome> EscalateAsync(Guid id, string reason, string by) =>
        Text(reason, "Reason", "请填写上报理由") ?? Step(id, [MatterStatus.Reported, MatterStatus.Assigned, MatterStatus.Accepted], by, m => m with
        {
            Status = MatterStatus.Escalated, FirstStepAt = m.FirstStepAt ?? Now, ClosedAt = Now, Result = reason.Trim(),
            Steps = m.Steps.Add(new("上报上级：" + reason.Trim(), by, Now)),
        });

    public async Task<Outcome> RateAsync(Guid id, string phone, Satisfaction rating)
    {
        if (S.Matters.FirstOrDefault(x => x.Id == id) is not { } m || m.ResidentPhone.Length == 0 || m.ResidentPhone != phone?.Trim())
        {
            return Outcome.Fail("", NotFound); // a wrong phone learns nothing about the matter
        }
        if (!Enum.IsDefined(rating))
        {
            return Outcome.Fail("Rating", "请选择满意度");
        }
        if (m.Status != MatterStatus.Closed)
        {
            return Outcome.Fail("", "事项尚未办结，办结后才能评价");
        }
        if (m.Rating is not null)
        {
            return Outcome.Fail("", "该事项已评价，不能重复评价");
        }
        await CommitAsync(Replace(m, m with { Rating = rating, RatedAt = Now, Steps = m.Steps.Add(new("居民评价：" + rating.Chinese(), "居民", Now)) }));
        return Outcome.Ok;
    }

    public async Task<Outcome> OverdueAsync(Guid id, string stage)
    {
        if (S.Matters.FirstOrDefault(x => x.Id == id) is not { Due: { } due } m)
        {
            return Outcome.Fail("", NotFound);
        }
        var (deadline, doneAt, name) = stage == MatterNames.FirstStage
            ? (due.FirstBy, m.FirstStepAt, m.Tier!.Value.FirstStep())
            : (due.SolveBy ?? due.FirstBy, m.ClosedAt, "办结");
        if (Now < deadline || m.OverdueStages.Contains(stage) || doneAt is { } at && at <= deadline)
        {
            return Outcome.Ok; // early, already flagged, or done in time: nothing to do, so a second run changes nothing
        }
        await CommitAsync(Replace(m, m with
        {
            OverdueStages = m.OverdueStages.Add(stage),
            Steps = m.Steps.Add(new($"逾期未{name}（期限 {Shown(deadline)}），计入承办方 {m.Handler}", "系统", Now)),
        }));
        return Outcome.Ok;
    }

    private static Task<Outcome>? Text(string? text, string field, string message) =>
        string.IsNullOrWhiteSpace(text) ? Task.FromResult(Outcome.Fail(field, message))
        : text.Trim().Length > MatterRules.MaxTextLength ? Task.FromResult(Outcome.Fail(field, $"不能超过{MatterRules.MaxTextLength}个字"))
        : null;

    private async Task<Outcome> Step(Guid id, MatterStatus[] from, string by, Func<Matter, Matter?> change, string? refused = null)
    {
        if (S.Matters.FirstOrDefault(x => x.Id == id) is not { } m)
        {
            return Outcome.Fail("", NotFound);
        }
        if (!from.Contains(m.Status))
        {
            return Outcome.Fail("", $"事项{m.Status.Chinese()}，不能进行此操作");
        }
        if (change(m) is not { } next)
        {
            return Outcome.Fail("", refused ?? "不能进行此操作");
        }
        await CommitAsync(Replace(m, next));
        return Outcome.Ok;
    }

    private ImmutableArray<Matter> Replace(Matter old, Matter next) => S.Matters.Replace(old, next);

    private Task CommitAsync(ImmutableArray<Matter> matters) => state.CommitAsync(S with { Matters = matters, Version = S.Version + 1 });

    private static DateTimeOffset EndOf(DateOnly day) =>
        ChinaTime.EndOfDay(day);

    private static string Shown(DateTimeOffset endsAt) => $"{WorkingDayPeriod.LastDayOf(endsAt):yyyy-MM-dd} 24:00";
}
