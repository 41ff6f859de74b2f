using System.Collections.Immutable;
using Marketplace.Calendar;
using Marketplace.Catalog;
using Marketplace.Domain;
using Marketplace.Persistence;

namespace Marketplace.Tendering;

public sealed partial class TenderGrain(
    [PersistentState("tender", StorageNames.Marketplace)] IPersistentState<TenderState> state,
    ITenderTimers timers,
    ITenderSubmissionLog submissions,
    TimeProvider clock) : Grain, ITenderGrain, IIncomingGrainCallFilter
{
    private const string Missing = "采购项目不存在";
    private const string Stale = "该公告已被他人修改，请刷新页面后重新编辑";

    private Guid Id => this.GetPrimaryKey();
    private TenderState S => state.State;
    private DateTimeOffset Now => clock.GetUtcNow();

    // ---- notice and lifecycle -------------------------------------------------------------------

    public async Task<Outcome<TenderInfo>> CreateAsync(long streetId, long districtId, TenderNotice notice, string user)
    {
        if (S.Created)
        {
            return Outcome<TenderInfo>.Fail("", "该采购项目已存在");
        }
        var (errors, _) = await ValidateNoticeAsync(streetId, notice);
        if (!errors.IsEmpty)
        {
            return Outcome<TenderInfo>.Fail(errors);
        }
        await state.CommitAsync(new TenderState
        {
            Created = true, StreetId = streetId, DistrictId = districtId, Notice = notice, Status = TenderStatus.Draft,
            Version = 1, CreatedAt = Now, CreatedBy = user,
        });
        return Outcome<TenderInfo>.Ok(Info());
    }

    public async Task<Outcome<TenderInfo>> UpdateNoticeAsync(int expectedVersion, TenderNotice notice, string user)
    {
        if (Refuse(expectedVersion) is { } refused)
        {
            return refused;
        }
        if (S.Status is not (TenderStatus.Draft or TenderStatus.Published))
        {
            return Outcome<TenderInfo>.Fail("", "报名截止后不能修改公告");
        }
        var next = S with { Notice = notice, Version = S.Version + 1 };
        if (S.Status == TenderStatus.Published)
        {
            // The window already opened: keep its opening, and give applicants at least three days
            // to react to the change (SPEC §3.3; 87号令 Art.27 on changing a published notice).
            var deadline = TenderRules.DeadlineAfterChange(notice.Deadline, Now);
            notice = notice with { OpensAt = S.Notice!.OpensAt, Deadline = deadline };
            next = next with { Notice = notice };
            if (deadline != S.Notice.Deadline)
            {
                next = Notify(next, (await ActiveApplicationsAsync()).Select(a => Recipient.Organization(a.Uscc)).Append(Recipient.Street(S.StreetId)),
                    $"采购公告“{notice.Title}”已变更，报名截止时间延长至{deadline.ToOffset(ChinaTime.Offset):yyyy-MM-dd HH:mm}");
            }
        }
        var (errors, _) = await ValidateNoticeAsync(S.StreetId, notice);
        if (!errors.IsEmpty)
        {
            return Outcome<TenderInfo>.Fail(errors);
        }
        if (S.Status == TenderStatus.Published && !notice.Funding.SequenceEqual(S.Notice!.Funding))
        {
            // A published notice holds its money: a changed split re-sizes the encumbrance (checked against available).
            var money = notice.ServiceStart.Year != S.Notice.ServiceStart.Year
                ? [new FieldError("", "已发布的公告不能改变服务期所在的预算年度")]
                : await ResizeBudgetAsync(notice, Money.Sum(notice.Funding.Select(f => f.Amount)), ToSplit(notice.Funding),
                    $"tender:{Id:N}:notice:v{next.Version}", $"采购公告“{notice.Title}”变更资金来源", user);
            if (!money.IsEmpty)
            {
                return Outcome<TenderInfo>.Fail(money);
            }
        }
        if (S.Status == TenderStatus.Published && notice.Deadline != S.Notice!.Deadline)
        {
            await timers.ScheduleAsync(ITenderTimers.CloseKind, Id, notice.Deadline); // staged: stored with the state below
        }
        await state.CommitAsync(next);
        return Outcome<TenderInfo>.Ok(Info());
    }

    public async Task<Outcome<TenderInfo>> PublishAsync(int expectedVersion, string user)
    {
        if (Refuse(expectedVersion) is { } refused)
        {
            return refused;
        }
        if (!TenderRules.CanMove(S.Status, TenderStatus.Published))
        {
            return Outcome<TenderInfo>.Fail("", "只有草稿可以发布");
        }
        var (errors, item) = await ValidateNoticeAsync(S.StreetId, S.Notice!);
        if (!errors.IsEmpty)
        {
            return Outcome<TenderInfo>.Fail(errors);
        }
        var notice = S.Notice!;
        // The catalog item just checked names the service area too: one catalog call per publish.
        var money = await EncumberAsync(notice, Money.Sum(notice.Funding.Select(f => f.Amount)), $"tender:{Id:N}:publish:v{S.Version}",
            $"发布采购公告“{notice.Title}”，占用预算", user, item);
        if (!money.IsEmpty)
        {
            return Outcome<TenderInfo>.Fail(money);
        }
        var next = S with { Status = TenderStatus.Published, PublishedAt = Now, Version = S.Version + 1 };
        next = Notify(next, [Recipient.DistrictOrganizations(S.DistrictId)], $"新的采购公告：{notice.Title}，报名截止{notice.Deadline.ToOffset(ChinaTime.Offset):yyyy-MM-dd HH:mm}");
        await timers.ScheduleAsync(ITenderTimers.CloseKind, Id, notice.Deadline); // staged: stored with the state below
        await state.CommitAsync(next);
        return Outcome<TenderInfo>.Ok(Info());
    }

    public async Task<Outcome<TenderInfo>> CancelAsync(string reason, string user)
    {
        if (!S.Created)
        {
            return Outcome<TenderInfo>.Fail("", Missing);
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome<TenderInfo>.Fail("Reason", "请填写取消原因");
        }
        if (!TenderRules.CanMove(S.Status, TenderStatus.Cancelled))
        {
            return Outcome<TenderInfo>.Fail("", $"“{S.Status.Chinese()}”状态的采购项目不能取消");
        }
        await ReleaseBudgetAsync("cancel", $"采购项目“{S.Notice!.Title}”取消：{reason.Trim()}", user);
        var next = S with { Status = TenderStatus.Cancelled, EndReason = reason.Trim(), Version = S.Version + 1 };
        next = Notify(next, (await ActiveApplicationsAsync()).Select(a => Recipient.Organization(a.Uscc)), $"采购项目“{S.Notice!.Title}”已取消：{reason.Trim()}");
        await state.CommitAsync(next);
        return Outcome<TenderInfo>.Ok(Info());
    }

    public async Task<Outcome<TenderInfo>> CloseAsync()
    {
        if (!S.Created)
        {
            return Outcome<TenderInfo>.Fail("", Missing);
        }
        if (S.Status != TenderStatus.Published || Now < S.Notice!.Deadline)
        {
            return Outcome<TenderInfo>.Ok(Info()); // closed already, or the deadline moved later
        }
        var notice = S.Notice;
        // The applications leave the submission log for the tender's own state: from here on every rule
        // reads them there, as they stood at the deadline.
        var @sealed = await SealedAtDeadlineAsync();
        // Automatic invalidity (87号令 Art.63): over the ceiling, a required document missing, or the
        // organization no longer eligible at the deadline. Each is recorded with its reason, never silently dropped.
        var invalid = ImmutableDictionary.CreateBuilder<string, string>();
        foreach (var a in @sealed.Active)
        {
            var reason = Scoring.CeilingReason(a.Proposal.Price, notice.Ceiling)
                ?? MissingDocuments(notice, a.Proposal)
                ?? await IneligibleReasonAsync(a.Uscc, notice.Eligibility);
            if (reason is not null)
            {
                invalid[a.Uscc] = reason;
            }
        }
        var validCount = @sealed.Active.Count(a => !invalid.ContainsKey(a.Uscc));
        var next = @sealed with { Status = TenderStatus.Closed, ClosedAt = Now, InvalidReasons = invalid.ToImmutable(), Version = S.Version + 1 };
        if (validCount < notice.MinimumValidApplications)
        {
            next = next with
            {
                Status = TenderStatus.Failed,
                EndReason = $"有效申请{validCount}家，少于最少{notice.MinimumValidApplications}家，采购失败",
            };
            await ReleaseBudgetAsync("failed", $"采购项目“{notice.Title}”{next.EndReason}", "system");
            next = Notify(next, @sealed.Active.Select(a => Recipient.Organization(a.Uscc)).Append(Recipient.Street(S.StreetId)), $"采购项目“{notice.Title}”{next.EndReason}");
        }
        else
        {
            next = Notify(next, [Recipient.Street(S.StreetId)], $"采购项目“{notice.Title}”已截止，收到有效申请{validCount}家，请申请抽取评审专家");
        }
        await state.CommitAsync(next);
        CloseWindow();
        return Outcome<TenderInfo>.Ok(Info());
    }

    public Task<TenderInfo?> GetInfoAsync() => Task.FromResult(S.Created ? Info() : null);

    public async Task<TenderApplicantView?> GetApplicantViewAsync(string uscc) =>
        S.Created ? new TenderApplicantView(Info(), await GetOwnApplicationAsync(uscc), await GetPublishedResultsAsync()) : null;

    public async Task<TenderStreetView?> GetStreetViewAsync()
    {
        if (!S.Created)
        {
            return null;
        }
        var applicants = await GetApplicantsAsync();
        return new TenderStreetView(Info(), applicants.Succeeded ? applicants.Value : [], S.Panel,
            S.Panel is null ? null : Evaluate(), S.Objections);
    }

    public async Task<Outcome<TenderInfo>> RerunAsync(Guid newTenderId, string user)
    {
        if (S.SingleSource is not null)
        {
            return Outcome<TenderInfo>.Fail("", "该项目已转为单一来源采购，不能再重新采购");
        }
        if (S.Status != TenderStatus.Failed)
        {
            return Outcome<TenderInfo>.Fail("", "只有采购失败的项目可以重新采购");
        }
        if (S.RerunAs is not null)
        {
            return Outcome<TenderInfo>.Fail("", "该项目已重新采购");
        }
        var window = S.Notice!.Deadline - S.Notice.OpensAt;
        var now = Now;
        var notice = S.Notice with { OpensAt = now, Deadline = now + window };
        var created = await GrainFactory.GetGrain<ITenderGrain>(newTenderId).CreateAsync(S.StreetId, S.DistrictId, notice, user);
        if (!created.Succeeded)
        {
            return created;
        }
        await state.CommitAsync(S with { RerunAs = newTenderId, Version = S.Version + 1 });
        return created;
    }

    // ---- sealed applications: TenderGrain.Submissions.cs -----------------------------------------

    public Task<Outcome<ImmutableArray<TenderApplication>>> GetClosedApplicationsAsync() =>
        Task.FromResult(!S.Created || S.ClosedAt is null
            ? Outcome<ImmutableArray<TenderApplication>>.Fail("", "报名截止前申请处于密封状态")
            : Outcome<ImmutableArray<TenderApplication>>.Ok([.. S.Active.OrderBy(a => a.SubmittedAt)]));

    public Task<Outcome<ImmutableArray<ApplicantSummary>>> GetApplicantsAsync()
    {
        if (!S.Created || S.ClosedAt is null)
        {
            return Task.FromResult(Outcome<ImmutableArray<ApplicantSummary>>.Fail("", "报名截止前申请处于密封状态"));
        }
        ImmutableArray<ApplicantSummary> list = [.. S.Active.OrderBy(a => a.SubmittedAt)
            .Select(a => new ApplicantSummary(a.Uscc, a.OrganizationName, a.SubmittedAt, S.InvalidReasons.GetValueOrDefault(a.Uscc))
            {
                Attachments = a.Proposal.Attachments,
            })];
        return Task.FromResult(Outcome<ImmutableArray<ApplicantSummary>>.Ok(list));
    }

    // ---- panel ----------------------------------------------------------------------------------

    // RequestPanelAsync, DeclareAsync, DeclineAsync, ReplaceMemberAsync, RedrawPanelAsync: TenderGrain.Panel.cs (rules in PanelRoster).

    public Task<Outcome<ImmutableArray<TenderApplication>>> GetApplicationsForExpertAsync(string expertUser)
    {
        if (!ExpertMayReadApplications(expertUser))
        {
            return Task.FromResult(Outcome<ImmutableArray<TenderApplication>>.Fail("", "声明无利害关系后才能查看申请材料"));
        }
        ImmutableArray<TenderApplication> list = [.. S.Active.OrderBy(a => a.SubmittedAt)];
        return Task.FromResult(Outcome<ImmutableArray<TenderApplication>>.Ok(list));
    }

    public Task<ImmutableDictionary<string, ImmutableDictionary<string, CriterionScore>>> GetExpertScoresAsync(string expertUser) =>
        Task.FromResult(Member(expertUser) is { } m ? S.Scores.GetValueOrDefault(m.ExpertId) ?? ImmutableDictionary<string, ImmutableDictionary<string, CriterionScore>>.Empty
            : ImmutableDictionary<string, ImmutableDictionary<string, CriterionScore>>.Empty);

    // ScoreAsync: TenderGrain.Scoring.cs (group-committed, interleaving).

    public async Task<Outcome> DecideLowPriceAsync(string expertUser, string uscc, bool accept, string explanation)
    {
        if (Member(expertUser) is not { Status: PanelMemberStatus.Confirmed } || S.Status != TenderStatus.UnderReview)
        {
            return Outcome.Fail("", "只有评审小组成员可以认定异常低价");
        }
        if (string.IsNullOrWhiteSpace(explanation))
        {
            return Outcome.Fail("Explanation", "请填写认定理由（申请单位的书面说明及评审意见）");
        }
        if (!Flagged().Contains(uscc))
        {
            return Outcome.Fail("", "该申请未被标记为异常低价");
        }
        var next = S with { LowPriceDecisions = S.LowPriceDecisions.SetItem(uscc, new LowPriceDecision(accept, explanation.Trim(), expertUser)) };
        if (!accept)
        {
            // 87号令 Art.60: the panel may reject a price it finds unreasonably low after asking for an explanation.
            next = next with { InvalidReasons = next.InvalidReasons.SetItem(uscc, "报价明显低于其他报价且不能合理说明，经评审小组认定无效：" + explanation.Trim()) };
        }
        await state.CommitAsync(next);
        return Outcome.Ok;
    }

    public Task<Outcome<ImmutableArray<ApplicantResult>>> GetEvaluationAsync() => Task.FromResult(Evaluate());

    // ---- award, 公示 and objections ---------------------------------------------------------------

    public async Task<Outcome<TenderInfo>> ConfirmAwardAsync(string uscc, string? notTopReason, string user)
    {
        if (S.Award is not null)
        {
            return Outcome<TenderInfo>.Fail("", S.Status == TenderStatus.Publicity
                ? $"已确定{S.Award.OrganizationName}中标，正在公示，不能再次确定" : $"已确定{S.Award.OrganizationName}中标，不能再次确定");
        }
        if (S.Status != TenderStatus.UnderReview)
        {
            return Outcome<TenderInfo>.Fail("", "评审完成后才能确定中标");
        }
        var evaluation = Evaluate();
        if (!evaluation.Succeeded)
        {
            return Outcome<TenderInfo>.Fail(evaluation.Errors);
        }
        var results = evaluation.Value;
        var ranked = results.Where(r => r.Rank is not null).OrderBy(r => r.Rank).ToList();
        if (ranked.Count < S.Notice!.MinimumValidApplications)
        {
            var failed = S with
            {
                Status = TenderStatus.Failed, Results = results, Version = S.Version + 1,
                EndReason = $"评审后有效申请{ranked.Count}家，少于最少{S.Notice.MinimumValidApplications}家，采购失败",
            };
            await ReleaseBudgetAsync("failed", $"采购项目“{S.Notice.Title}”{failed.EndReason}", user);
            await state.CommitAsync(Notify(failed, S.Active.Select(a => Recipient.Organization(a.Uscc)), $"采购项目“{S.Notice.Title}”{failed.EndReason}"));
            return Outcome<TenderInfo>.Fail("", failed.EndReason);
        }
        var chosen = ranked.FirstOrDefault(r => r.ApplicantId == uscc);
        if (chosen is null)
        {
            return Outcome<TenderInfo>.Fail("Winner", "只能在有效且已排名的申请中确定中标单位");
        }
        if (chosen.Rank != 1 && string.IsNullOrWhiteSpace(notTopReason))
        {
            return Outcome<TenderInfo>.Fail("NotTopReason", "未选择排名第一的申请单位，请填写理由");
        }
        // SPEC §3.2: only 已入库 organizations may be awarded; check again at award time.
        if (await IneligibleReasonAsync(uscc, S.Notice.Eligibility) is { } ineligible)
        {
            return Outcome<TenderInfo>.Fail("Winner", ineligible);
        }
        var money = await ResizeBudgetAsync(S.Notice, chosen.Price, null, $"tender:{Id:N}:award:{uscc}",
            $"“{S.Notice.Title}”确定中标，预算占用调整为中标价", user);
        if (!money.IsEmpty)
        {
            return Outcome<TenderInfo>.Fail(money);
        }
        var period = await PublicityPeriodAsync(Now);
        var ends = period.EndsAt;
        var app = S.Applications[uscc];
        var award = new TenderAward(uscc, app.OrganizationName, chosen.Price, chosen.Total!.Value,
            chosen.Rank == 1 ? null : notTopReason!.Trim(), Now, ends, user, period.WorkingDays);
        var next = S with { Status = TenderStatus.Publicity, Results = results, Award = award, Version = S.Version + 1 };
        next = Notify(next, S.Active.Select(a => Recipient.Organization(a.Uscc)),
            $"“{S.Notice.Title}”评审结果已公示：中标单位{app.OrganizationName}。您可在项目页查看本单位得分与排名，公示期内可提出质疑");
        await timers.ScheduleAsync(ITenderTimers.PublicityEndKind, Id, ends); // staged: stored with the state below
        await state.CommitAsync(next);
        return Outcome<TenderInfo>.Ok(Info());
    }

    /// <summary>公示 counts working days on the district's calendar (节假日安排), default 5.</summary>
    private Task<WorkingDayPeriod> PublicityPeriodAsync(DateTimeOffset announcedAt) =>
        GrainFactory.GetGrain<IDistrictCalendarGrain>(S.DistrictId).PublicityPeriodAsync(announcedAt);

    public Task<ImmutableArray<ApplicantResult>> GetPublishedResultsAsync() =>
        // A single-source award was not ranked: a failed review's scores are not its result.
        Task.FromResult(S.Award is null || S.SingleSource is not null ? ImmutableArray<ApplicantResult>.Empty : S.Results);

    public async Task<Outcome<Objection>> FileObjectionAsync(string uscc, string text)
    {
        if (S.Status != TenderStatus.Publicity || Now >= S.Award!.PublicityEndsAt)
        {
            // 质疑 runs within the 公示 (财政部94号令 Art.10): say which side of it the tender is on.
            return Outcome<Objection>.Fail("", S.Award is null ? "中标（成交）结果公示后才能提出质疑" : "公示期已结束，不能再提出质疑");
        }
        if (S.SingleSource is not null)
        {
            if (await SingleSourceObjectionRefusalAsync(uscc) is { } refused)
            {
                return Outcome<Objection>.Fail("", refused);
            }
        }
        else if (!S.Active.Any(a => a.Uscc == uscc))
        {
            return Outcome<Objection>.Fail("", "只有参与本项目的申请单位可以提出质疑");
        }
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > 2000)
        {
            return Outcome<Objection>.Fail("Text", "请填写质疑内容（不超过2000字）");
        }
        var objection = new Objection(Guid.NewGuid(), uscc, text.Trim(), Now, null, null);
        var next = S with { Objections = S.Objections.Add(objection) };
        next = Notify(next, [Recipient.Street(S.StreetId)], $"“{S.Notice!.Title}”收到质疑，须答复后方可签订合同");
        await state.CommitAsync(next);
        return Outcome<Objection>.Ok(objection);
    }

    public async Task<Outcome> AnswerObjectionAsync(Guid objectionId, string answer, string user)
    {
        var objection = S.Objections.FirstOrDefault(o => o.Id == objectionId);
        if (objection is null)
        {
            return Outcome.Fail("", "质疑不存在");
        }
        if (objection.Answer is not null)
        {
            return Outcome.Fail("", "该质疑已答复");
        }
        if (string.IsNullOrWhiteSpace(answer))
        {
            return Outcome.Fail("Answer", "请填写答复内容");
        }
        var next = S with { Objections = S.Objections.Replace(objection, objection with { Answer = answer.Trim(), AnsweredAt = Now }) };
        next = Notify(next, [Recipient.Organization(objection.Uscc)], $"您对“{S.Notice!.Title}”的质疑已答复");
        next = EndPublicityIfDue(next);
        await state.CommitAsync(next);
        return Outcome.Ok;
    }

    public Task<ImmutableArray<Objection>> GetObjectionsAsync() => Task.FromResult(S.Objections);

    public async Task<Outcome<TenderInfo>> EndPublicityAsync()
    {
        if (!S.Created)
        {
            return Outcome<TenderInfo>.Fail("", Missing);
        }
        var next = EndPublicityIfDue(S);
        if (!ReferenceEquals(next, S))
        {
            await state.CommitAsync(next);
        }
        return Outcome<TenderInfo>.Ok(Info());
    }

    // ---- helpers --------------------------------------------------------------------------------

    private TenderState EndPublicityIfDue(TenderState s)
    {
        // 公示 ends when its period is over and every objection has been answered.
        if (s.Status != TenderStatus.Publicity || Now < s.Award!.PublicityEndsAt || s.Objections.Any(o => o.Answer is null))
        {
            return s;
        }
        return Notify(s with { Status = TenderStatus.ReadyForContract, Version = s.Version + 1 },
            [Recipient.Street(s.StreetId), Recipient.Organization(s.Award.Uscc)], $"“{s.Notice!.Title}”公示期满，可以签订合同");
    }

    private Outcome<ImmutableArray<ApplicantResult>> Evaluate()
    {
        if (S.Panel is null || S.Status is TenderStatus.Draft or TenderStatus.Published or TenderStatus.Closed)
        {
            return Outcome<ImmutableArray<ApplicantResult>>.Fail("", "尚未开始评审");
        }
        if (S.Status is not TenderStatus.UnderReview)
        {
            return Outcome<ImmutableArray<ApplicantResult>>.Ok(S.Results);
        }
        var sitting = S.Panel.Sitting.ToList();
        if (PanelRoster.NotReady(S.Panel) is { } notReady)
        {
            return Outcome<ImmutableArray<ApplicantResult>>.Fail("", notReady);
        }
        var valid = S.Active.Where(a => !S.InvalidReasons.ContainsKey(a.Uscc)).ToList();
        var missing = sitting.Count(m => valid.Any(a => S.Scores.GetValueOrDefault(m.ExpertId)?.ContainsKey(a.Uscc) != true));
        if (missing > 0)
        {
            return Outcome<ImmutableArray<ApplicantResult>>.Fail("", $"尚有{missing}位评审专家未完成评分");
        }
        var undecided = Flagged().Where(u => !S.LowPriceDecisions.ContainsKey(u)).ToList();
        if (undecided.Count > 0)
        {
            return Outcome<ImmutableArray<ApplicantResult>>.Fail("", $"有{undecided.Count}份异常低价申请待评审小组认定");
        }
        var sheets = sitting.ToDictionary(m => m.ExpertId.ToString(),
            m => (IReadOnlyDictionary<string, IReadOnlyDictionary<string, CriterionScore>>)S.Scores[m.ExpertId]
                .ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, CriterionScore>)kv.Value));
        return Outcome<ImmutableArray<ApplicantResult>>.Ok(Scoring.Evaluate(S.Notice!.Criteria, Scored(), sheets));
    }

    private List<ScoredApplicant> Scored() =>
        [.. S.Active.Select(a => new ScoredApplicant(a.Uscc, a.Proposal.Price, a.SubmittedAt, S.InvalidReasons.GetValueOrDefault(a.Uscc)))];

    /// <summary>
    /// Valid applications whose price is abnormally low, by the same rule and the same set as the scoring:
    /// after the panel rejects one, the mean changes and any newly flagged price needs a decision too.
    /// </summary>
    private HashSet<string> Flagged() =>
        Scoring.AbnormallyLow([.. Scored().Where(a => a.InvalidReason is null).Select(a => (a.ApplicantId, a.Price))]);

    private string? WindowClosed(DateTimeOffset? at = null)
    {
        if (!S.Created)
        {
            return Missing;
        }
        var now = at ?? Now;
        // Server time decides, on every request: the closing job may not have run yet.
        if (S.Status != TenderStatus.Published || now >= S.Notice!.Deadline)
        {
            return "报名已截止";
        }
        return now < S.Notice.OpensAt ? "报名尚未开始" : null;
    }

    private static ImmutableArray<FieldError> ValidateProposal(TenderNotice notice, ApplicationProposal p)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        errors.AddRange(ApplicationAttachment.Validate(p.Attachments));
        if (p.Price.Yuan <= 0m)
        {
            errors.Add(new(nameof(p.Price), "报价必须大于0"));
        }
        else if (p.Price > notice.Ceiling)
        {
            errors.Add(new(nameof(p.Price), $"报价不能超过最高限价{notice.Ceiling}"));
        }
        if (string.IsNullOrWhiteSpace(p.ServicePlan))
        {
            errors.Add(new(nameof(p.ServicePlan), "请填写服务方案"));
        }
        if (string.IsNullOrWhiteSpace(p.Team))
        {
            errors.Add(new(nameof(p.Team), "请填写服务团队"));
        }
        if (p.CertifiedSocialWorkers < 0)
        {
            errors.Add(new(nameof(p.CertifiedSocialWorkers), "持证社工人数不能为负数"));
        }
        else if (p.CertifiedSocialWorkers < notice.Eligibility.MinimumCertifiedSocialWorkers)
        {
            errors.Add(new(nameof(p.CertifiedSocialWorkers), $"服务团队持证社工不少于{notice.Eligibility.MinimumCertifiedSocialWorkers}名"));
        }
        return errors.ToImmutable();
    }

    private static string? MissingDocuments(TenderNotice notice, ApplicationProposal p)
    {
        var missing = notice.RequiredDocuments.Where(d => !p.Documents.Contains(d)).ToList();
        return missing.Count == 0 ? null : "缺少必需材料：" + string.Join("、", missing);
    }

    /// <summary>The notice's rules and its catalog item (returned so publish need not ask the catalog again).</summary>
    private async Task<(ImmutableArray<FieldError> Errors, TransferItem? Item)> ValidateNoticeAsync(long streetId, TenderNotice notice)
    {
        var errors = TenderRules.Validate(notice, Now);
        var item = await GrainFactory.GetGrain<IStreetCatalogGrain>(streetId).GetItemAsync(notice.TransferItemId);
        if (item is null || item.Status != TransferItemStatus.Published)
        {
            // SPEC §3.1: only a published catalog item may be bought.
            errors = errors.Add(new(nameof(notice.TransferItemId), "只能从本街道已发布的转移事项创建采购公告"));
        }
        return (errors, item);
    }

    private Outcome<TenderInfo>? Refuse(int expectedVersion)
    {
        if (!S.Created)
        {
            return Outcome<TenderInfo>.Fail("", Missing);
        }
        return S.Version == expectedVersion ? null : Outcome<TenderInfo>.Fail("", Stale);
    }

    private TenderState Notify(TenderState s, IEnumerable<Recipient> recipients, string text) =>
        s with { Notifications = s.Notifications.AddRange(recipients.Distinct().Select(r => new TenderNotification(Guid.CreateVersion7(Now), r, text, Now))) };

    private TenderInfo Info() =>
        new(Id, S.StreetId, S.DistrictId, S.Notice!, S.Status, S.Version, S.PublishedAt, S.ClosedAt, S.EndReason, S.Award, S.RerunAs, S.SingleSource, S.CreatedBy);
}
