using System.Collections.Immutable;
using Marketplace.Calendar;
using Marketplace.Catalog;
using Marketplace.Contracts;
using Marketplace.Domain;
using Marketplace.Persistence;
using Marketplace.Rounds;
using Marketplace.Tendering;

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
        if (solveBy is { } s && s < Today)
        {
            errors.Add(new("SolveBy", "办结期限不能早于今天"));
        }
        if (errors.Count > 0)
        {
            return Outcome.Fail(errors);
        }
        var due = await DueAsync(districtId, tier);
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

    public async Task<Outcome<Guid>> OrderAsync(MenuOrder o)
    {
        var grid = (await GrainFactory.GetGrain<IStreetGridGrain>(StreetId).GetAsync()).Find(o.GridNo);
        var contract = await GrainFactory.GetGrain<IContractGrain>(o.ContractId).GetAsync();
        if (contract.OrderRefusal(StreetId, o.UnitCode ?? "", Today) is { } refused)
        {
            return Outcome<Guid>.Fail([refused]);
        }
        var unit = contract!.Units.Single(u => u.Code == o.UnitCode);
        var title = unit.Name.Length > 40 ? unit.Name[..40] : unit.Name;
        var errors = MatterRules.ValidateReport(title, o.Text, o.Place, contract.ServiceAreaCode, new HashSet<string> { contract.ServiceAreaCode }, []);
        if (grid is null)
        {
            errors = errors.Add(new("GridNo", "网格不存在"));
        }
        if (MatterRules.ValidatePhone(o.ResidentPhone) is { } phone)
        {
            errors = errors.Add(phone);
        }
        if (!errors.IsEmpty)
        {
            return Outcome<Guid>.Fail(errors);
        }
        // A menu order is answered by the organization as a 村(社区) matter is: the same working day, solved within the tier's limit.
        var due = await DueAsync(contract.DistrictId, MatterTier.Community);
        var matter = new Matter
        {
            Id = Guid.NewGuid(), GridNo = o.GridNo, Source = MatterSource.MenuOrder, Title = title, ServiceAreaCode = contract.ServiceAreaCode,
            Place = o.Place.Trim(), Text = o.Text.Trim(), ResidentName = o.ResidentName?.Trim() ?? "", ResidentPhone = o.ResidentPhone.Trim(),
            Status = MatterStatus.Assigned, Tier = MatterTier.Community, Handler = contract.OrganizationName, Due = due, ReportedAt = Now,
            ContractId = o.ContractId, UnitCode = unit.Code, OrganizationUscc = contract.Uscc,
            Steps = [new($"菜单点单：{title}（{contract.Title}），交由承接机构 {contract.OrganizationName}，答复期限 {Shown(due.FirstBy)}" +
                (due.SolveBy is { } sb ? $"，办结期限 {Shown(sb)}" : ""), "居民", Now)],
        };
        await CommitAsync(S.Matters.Add(matter));
        await timers.ScheduleFirstDueAsync(StreetId, matter.Id, due.FirstBy);
        if (due.SolveBy is { } solve)
        {
            await timers.ScheduleSolveDueAsync(StreetId, matter.Id, solve);
        }
        return Outcome<Guid>.Ok(matter.Id);
    }

    public Task<ImmutableArray<Matter>> OrdersOfAsync(string uscc) =>
        Task.FromResult(uscc.Length == 0 ? [] : S.Matters.Where(m => m.Source == MatterSource.MenuOrder && m.OrganizationUscc == uscc).ToImmutableArray());

    public async Task<Outcome> ActAsOrganizationAsync(string uscc, Guid id, OrderStep step, string text, string by)
    {
        if (S.Matters.FirstOrDefault(x => x.Id == id) is not { Source: MatterSource.MenuOrder } m || m.OrganizationUscc.Length == 0 || m.OrganizationUscc != uscc)
        {
            return Outcome.Fail("", NotFound); // another organization's order is not there for it
        }
        switch (step)
        {
            case OrderStep.Accept:
                return await AcceptAsync(id, by);
            case OrderStep.Deliver:
                if (Text(text, "Note", "请填写服务情况") is { } empty)
                {
                    return await empty;
                }
                if (m.Status != MatterStatus.Accepted)
                {
                    return Outcome.Fail("", $"事项{m.Status.Chinese()}，不能进行此操作");
                }
                // The contract counts the unit first (once per order), so a failed write here is retried without counting twice.
                var counted = await GrainFactory.GetGrain<IContractGrain>(m.ContractId!.Value).RecordMenuDeliveryAsync(uscc, id, m.UnitCode, by);
                if (!counted.Succeeded)
                {
                    return counted;
                }
                return await Step(id, [MatterStatus.Accepted], by, x => x with
                {
                    Status = MatterStatus.Handled, DeliveredAt = Now, Steps = x.Steps.Add(new("服务完成：" + text.Trim() + "（计入合同服务完成度）", by, Now)),
                });
            case OrderStep.Close:
                return await CloseAsync(id, text, by);
            default:
                return Outcome.Fail("", "不能进行此操作");
        }
    }

    public async Task<StreetNeedsView> GetNeedsAsync()
    {
        var threshold = S.NeedThreshold ?? NeedThreshold.Default;
        return new StreetNeedsView(threshold, await NeedsAsync(threshold));
    }

    public async Task<Outcome> ReviewNeedAsync(string community, string serviceAreaCode, NeedDecision decision, string reason, string by)
    {
        var need = (await NeedsAsync(S.NeedThreshold ?? NeedThreshold.Default)).FirstOrDefault(n => n.Key == NeedsList.Key(community ?? "", serviceAreaCode ?? ""));
        if (need is null)
        {
            return Outcome.Fail("", "该需求不在需求清单中");
        }
        if (need.Review is { } done)
        {
            return Outcome.Fail("", $"该需求已于{ChinaTime.Local(done.At):yyyy-MM-dd}{done.Decision.Chinese()}，不能重复审核");
        }
        if (!Enum.IsDefined(decision))
        {
            return Outcome.Fail("", "请选择确认或不予采纳");
        }
        if (decision == NeedDecision.Declined && string.IsNullOrWhiteSpace(reason))
        {
            return Outcome.Fail("Reason", "不予采纳请填写理由");
        }
        if (reason?.Trim().Length > 500)
        {
            return Outcome.Fail("Reason", "理由不能超过500个字");
        }
        var review = new NeedReview(need.Community, need.ServiceAreaCode, decision, reason?.Trim() ?? "", need.Count, by, Now, []);
        await state.CommitAsync(S with { NeedReviews = S.NeedReviews.Add(review), Version = S.Version + 1 });
        return Outcome.Ok;
    }

    public async Task<Outcome> SetNeedThresholdAsync(NeedThreshold threshold, string by)
    {
        if (threshold.Validate() is { IsEmpty: false } errors)
        {
            return Outcome.Fail(errors);
        }
        await state.CommitAsync(S with { NeedThreshold = threshold, Version = S.Version + 1 });
        return Outcome.Ok;
    }

    public async Task<Outcome> LinkNeedAsync(string community, string serviceAreaCode, NeedLink link, string by)
    {
        var key = NeedsList.Key(community ?? "", serviceAreaCode ?? "");
        if (S.NeedReviews.FirstOrDefault(r => r.Key == key) is not { Decision: NeedDecision.Confirmed } review)
        {
            return Outcome.Fail("", "只有已确认的需求才能关联采购");
        }
        if (link is null || !await IsOwnPurchaseAsync(link))
        {
            return Outcome.Fail("Link", "请选择本街道的购买服务事项、采购项目或公益创投");
        }
        if (review.Links.Contains(link))
        {
            return Outcome.Fail("Link", "该需求已关联此项目");
        }
        await state.CommitAsync(S with { NeedReviews = S.NeedReviews.Replace(review, review with { Links = review.Links.Add(link) }), Version = S.Version + 1 });
        return Outcome.Ok;
    }

    public Task<ImmutableArray<NeedReview>> NeedsAnsweredByAsync(NeedLink link) =>
        Task.FromResult(S.NeedReviews.Where(r => r.Decision == NeedDecision.Confirmed && r.Links.Contains(link)).ToImmutableArray());

    private async Task<bool> IsOwnPurchaseAsync(NeedLink link) => link.Kind switch
    {
        NeedLinkKind.Tender => (await GrainFactory.GetGrain<ITenderGrain>(link.Id).GetInfoAsync())?.StreetId == StreetId,
        NeedLinkKind.Round => (await GrainFactory.GetGrain<IVentureRoundGrain>(link.Id).GetInfoAsync())?.Organizer.StreetId == StreetId,
        NeedLinkKind.TransferItem => await GrainFactory.GetGrain<IStreetCatalogGrain>(StreetId).GetItemAsync(link.Id) is not null,
        _ => false,
    };

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

    private async Task<ImmutableArray<Need>> NeedsAsync(NeedThreshold threshold) =>
        NeedsList.Find(S.Matters, (await GrainFactory.GetGrain<IStreetGridGrain>(StreetId).GetAsync()).Grids, threshold, S.NeedReviews, Now);

    /// <summary>The tier's deadlines from now, by the district's limits and its working-day calendar.</summary>
    private async Task<MatterDue> DueAsync(long districtId, MatterTier tier)
    {
        var limits = await GrainFactory.GetGrain<IDistrictGridSettingsGrain>(districtId).GetAsync();
        var view = await GrainFactory.GetGrain<IDistrictCalendarGrain>(districtId).GetAsync();
        return MatterDeadlines.For(tier, Now, limits, new ChineseWorkCalendar(OfficialHolidaySchedules.Days, view.Amendments));
    }

    private DateOnly Today => ChinaTime.Day(Now);

    private ImmutableArray<Matter> Replace(Matter old, Matter next) => S.Matters.Replace(old, next);

    private Task CommitAsync(ImmutableArray<Matter> matters) => state.CommitAsync(S with { Matters = matters, Version = S.Version + 1 });

    private static DateTimeOffset EndOf(DateOnly day) =>
        ChinaTime.EndOfDay(day);

    private static string Shown(DateTimeOffset endsAt) => $"{WorkingDayPeriod.LastDayOf(endsAt):yyyy-MM-dd} 24:00";
}
