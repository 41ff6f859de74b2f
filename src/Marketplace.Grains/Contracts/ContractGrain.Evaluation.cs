using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Persistence;

namespace Marketplace.Contracts;

/// <summary>Delivery (进度报告), the multi-source evaluation of each gated tranche, 整改, and the appeal.</summary>
public sealed partial class ContractGrain
{
    private const int SummaryMax = 4000;
    private const string Terminated = "合同已终止，不能评估";
    /// <summary>Who is recorded as giving the 群众评 computed from residents' ratings.</summary>
    public const string RatingsScorer = "居民评价";

    public async Task<Outcome<ContractState>> FileReportAsync(string uscc, ReportDraft r, string user)
    {
        if (Refusal(uscc: uscc) is { } refused)
        {
            return refused;
        }
        if (OpenEvaluation(r.TrancheNo, out var ev) is { } closed)
        {
            return Outcome<ContractState>.Fail("TrancheNo", closed);
        }
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (Now >= EndOf(ev!.Due))
        {
            errors.Add(new("", $"已超过进度报告提交期限（{ev.Due:yyyy-MM-dd}）"));
        }
        if (r.PeopleServed < 0 || r.Activities < 0)
        {
            errors.Add(new("PeopleServed", "服务人次和活动次数不能为负数"));
        }
        var units = r.UnitsDelivered ?? ImmutableDictionary<string, int>.Empty;
        if (units.Any(u => u.Value < 0 || S.Units.All(x => x.Code != u.Key)))
        {
            errors.Add(new("UnitsDelivered", "完成的服务单元数量不正确"));
        }
        if (string.IsNullOrWhiteSpace(r.Summary) || r.Summary.Trim().Length > SummaryMax)
        {
            errors.Add(new("Summary", $"请填写服务情况（不超过{SummaryMax}个字）"));
        }
        var attachments = r.Attachments.IsDefault ? [] : r.Attachments;
        errors.AddRange(Marketplace.Tendering.ApplicationAttachment.Validate(attachments)); // the same ≤ 10 as an application
        var sheet = S.Sheets.Single(s => s.Source == EvaluationSource.Self);
        errors.AddRange(EvaluationScoring.ValidateScores(sheet, r.SelfScores ?? ImmutableDictionary<string, decimal>.Empty));
        if (errors.Count > 0)
        {
            return Outcome<ContractState>.Fail(errors.ToImmutable());
        }
        var report = new ProgressReport(r.TrancheNo, ev.Round, r.PeopleServed, r.Activities, units, r.Summary.Trim(),
            attachments, user, Now);
        var self = new SourceScore(EvaluationSource.Self, r.SelfScores!, EvaluationScoring.SourceScore(r.SelfScores!), user, Now, null);
        var next = S with
        {
            Reports = S.Reports.RemoveAll(x => x.TrancheNo == r.TrancheNo && x.Round == ev.Round).Add(report),
            Status = S.Status == ContractStatus.Signed ? ContractStatus.InService : S.Status,
            Version = S.Version + 1,
        };
        next = Replace(next, ev with { Scores = ev.Scores.SetItem(EvaluationSource.Self, self) });
        next = Notify(next, ["street:" + S.StreetId, .. S.Evaluators.Select(e => "user:" + e)], $"合同“{S.Title}”已提交第{r.TrancheNo}笔款项的进度报告及自评");
        return await DecideIfCompleteAsync(next, r.TrancheNo, user);
    }

    public Task<Marketplace.Tendering.ApplicationAttachment?> GetReportAttachmentAsync(Guid attachmentId, Marketplace.Tendering.AttachmentReader reader)
    {
        // Issue 12: another organization never sees a contract's reports; the assigned 互评 peer scores from the
        // contract's terms, not from its files.
        var allowed = S.Created && (reader.Official || (reader.Uscc is { Length: > 0 } uscc && uscc == S.Uscc)
            || (reader.ExpertUser is { } evaluator && S.Evaluators.Contains(evaluator)));
        return Task.FromResult(allowed ? S.Reports.SelectMany(x => x.Attachments).FirstOrDefault(a => a.Id == attachmentId) : null);
    }

    public async Task<Outcome<ContractState>> AssignAsync(long districtId, ImmutableArray<string> peerUsccs, ImmutableArray<string> evaluators, string user)
    {
        if (Refusal(districtId: districtId) is { } refused)
        {
            return refused;
        }
        if (S.Status is ContractStatus.Closed or ContractStatus.Terminated)
        {
            return Outcome<ContractState>.Fail("", "合同已结项或已终止");
        }
        var peers = (peerUsccs.IsDefault ? [] : peerUsccs).Select(Uscc.Normalise).Distinct().ToImmutableArray();
        var names = (evaluators.IsDefault ? [] : evaluators).Select(e => e.Trim()).Where(e => e.Length > 0).Distinct().ToImmutableArray();
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        foreach (var peer in peers)
        {
            // 互评 is never given by the contractor itself or by an organization that competed for the same purchase.
            if (peer == S.Uscc || S.Competitors.Contains(peer))
            {
                errors.Add(new("Peers", $"{peer} 参与了同一采购项目的竞争，不能担任互评单位"));
                continue;
            }
            var org = await GrainFactory.GetGrain<IOrganizationGrain>(peer).GetAsync();
            if (org?.Profile is null || org.Profile.DistrictId != S.DistrictId || org.Status != DirectoryStatus.Admitted)
            {
                errors.Add(new("Peers", $"{peer} 不是本区已入库的社会组织"));
            }
        }
        if (peers.IsEmpty || names.IsEmpty)
        {
            errors.Add(new("", "请至少指定一家互评单位和一名第三方评估人员"));
        }
        if (errors.Count > 0)
        {
            return Outcome<ContractState>.Fail(errors.ToImmutable());
        }
        var next = S with { PeerUsccs = peers, Evaluators = names, Version = S.Version + 1 };
        next = Notify(next, [.. peers.Select(p => "org:" + p), .. names.Select(n => "user:" + n)], $"您被指定参与合同“{S.Title}”的绩效评估");
        return await CommitAsync(next);
    }

    public async Task<Outcome<ContractState>> ScoreAsync(int trancheNo, EvaluationSource source, string scorer,
        ImmutableDictionary<string, decimal> indicators, int? sampleSize)
    {
        if (!S.Created)
        {
            return Outcome<ContractState>.Fail("", NotFound);
        }
        var allowed = source switch
        {
            EvaluationSource.Peer => S.PeerUsccs.Contains(Uscc.Normalise(scorer)),
            EvaluationSource.ThirdParty or EvaluationSource.Public => S.Evaluators.Contains(scorer),
            _ => false,
        };
        if (!allowed)
        {
            return Outcome<ContractState>.Fail("", NotFound); // not assigned: the evaluation is not theirs to see
        }
        if (OpenEvaluation(trancheNo, out var ev) is { } closed)
        {
            return Outcome<ContractState>.Fail("", closed);
        }
        if (!S.Reports.Any(r => r.TrancheNo == trancheNo && r.Round == ev!.Round))
        {
            return Outcome<ContractState>.Fail("", "承接机构尚未提交本期进度报告");
        }
        var sheet = S.Sheets.Single(s => s.Source == source);
        indicators ??= ImmutableDictionary<string, decimal>.Empty;
        var errors = EvaluationScoring.ValidateScores(sheet, indicators);
        if (source == EvaluationSource.Public && sampleSize is not > 0)
        {
            errors = errors.Add(new("SampleSize", "请填写群众满意度调查的有效样本量"));
        }
        if (!errors.IsEmpty)
        {
            return Outcome<ContractState>.Fail(errors);
        }
        if (source == EvaluationSource.ThirdParty && Completion(trancheNo) is { } completion
            && sheet.Indicators.FirstOrDefault(i => i.Code == EvaluationScoring.CompletionCode) is { } c)
        {
            // 服务完成度 is reconciled from the delivered units, not judged.
            indicators = indicators.SetItem(c.Code, EvaluationScoring.CompletionPoints(c.Weight, completion));
        }
        var score = new SourceScore(source, indicators, EvaluationScoring.SourceScore(indicators), scorer, Now, sampleSize);
        var next = Replace(S with { Version = S.Version + 1 }, ev! with { Scores = ev.Scores.SetItem(source, score) });
        return await DecideIfCompleteAsync(next, trancheNo, scorer);
    }

    public async Task<Outcome> ReportOverdueAsync(int trancheNo, int round)
    {
        var ev = S.Evaluations.FirstOrDefault(e => e.TrancheNo == trancheNo && e.Round == round);
        if (!S.Created || S.Status is ContractStatus.Terminated or ContractStatus.Closed || ev is null || ev.Decided
            || Now < EndOf(ev.Due) || S.Reports.Any(r => r.TrancheNo == trancheNo && r.Round == round))
        {
            return Outcome.Ok; // nothing due: decided already, not yet due, or the report came in time
        }
        var decided = await DecideAsync(S with { Version = S.Version + 1 }, ev, 0m, EvaluationGrade.Fail, "未按期提交进度报告，本期评估记为不合格", "system");
        return decided.Succeeded ? Outcome.Ok : Outcome.Fail(decided.Errors);
    }

    public async Task<Outcome> RemindReportAsync(int trancheNo, int round)
    {
        var ev = S.Evaluations.FirstOrDefault(e => e.TrancheNo == trancheNo && e.Round == round);
        var key = string.Create(CultureInfo.InvariantCulture, $"{trancheNo}:{round}");
        if (!S.Created || S.Status is ContractStatus.Terminated or ContractStatus.Closed || ev is null || ev.Decided
            || S.Reminded.Contains(key) || S.Reports.Any(r => r.TrancheNo == trancheNo && r.Round == round))
        {
            return Outcome.Ok; // sent already, nothing to remind of, or the report is in
        }
        var what = round > 1 ? "整改报告" : "进度报告及自评";
        var next = S with { Reminded = S.Reminded.Add(key), Version = S.Version + 1 };
        next = Notify(next, ["org:" + S.Uscc],
            $"提醒：合同“{S.Title}”第{trancheNo}笔款项的{what}应于{ev.Due:yyyy-MM-dd}前提交，逾期未提交的本期评估记为不合格");
        await state.CommitAsync(next);
        return Outcome.Ok;
    }

    public async Task<Outcome<ContractState>> FileAppealAsync(string uscc, string text, string user)
    {
        if (Refusal(uscc: uscc) is { } refused)
        {
            return refused;
        }
        if (S.NegativeEntryId is null)
        {
            return Outcome<ContractState>.Fail("", "没有可申诉的评估结果");
        }
        if (S.Appeal is not null)
        {
            return Outcome<ContractState>.Fail("", "申诉只能提出一次");
        }
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length is < 10 or > 2000)
        {
            return Outcome<ContractState>.Fail("Text", "申诉理由应为10至2000个字");
        }
        var next = S with { Appeal = new ContractAppeal(text.Trim(), user, Now, null, null, null, null), Version = S.Version + 1 };
        return await CommitAsync(Notify(next, ["district:" + S.DistrictId], $"{S.OrganizationName}对合同“{S.Title}”的评估结果提出申诉"));
    }

    public async Task<Outcome<ContractState>> DecideAppealAsync(long districtId, bool upheld, string reason, string user)
    {
        if (Refusal(districtId: districtId) is { } refused)
        {
            return refused;
        }
        if (S.Appeal is not { Upheld: null } appeal)
        {
            return Outcome<ContractState>.Fail("", S.Appeal is null ? "没有待处理的申诉" : "该申诉已处理");
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 2000)
        {
            return Outcome<ContractState>.Fail("Reason", "请填写处理理由（不超过2000个字）");
        }
        if (upheld && S.NegativeEntryId is { } entry)
        {
            var revoked = await GrainFactory.GetGrain<IOrganizationGrain>(S.Uscc).RevokeNegativeEntryAsync(entry, "申诉成立：" + reason.Trim(), user);
            if (!revoked.Succeeded)
            {
                return Outcome<ContractState>.Fail(revoked.Errors);
            }
        }
        var next = S with { Appeal = appeal with { Upheld = upheld, Decision = reason.Trim(), DecidedBy = user, DecidedAt = Now }, Version = S.Version + 1 };
        return await CommitAsync(Notify(next, ["org:" + S.Uscc], $"合同“{S.Title}”的申诉{(upheld ? "成立，负面信息已撤销" : "不成立")}：{reason.Trim()}"));
    }

    /// <summary>Null when the tranche has an open evaluation to report on or score; otherwise why not.</summary>
    private string? OpenEvaluation(int trancheNo, out ContractEvaluation? ev)
    {
        ev = S.EvaluationOf(trancheNo);
        return S.Status switch
        {
            ContractStatus.Terminated => Terminated,
            ContractStatus.Drafted => "合同尚未签订",
            ContractStatus.Closed => "合同已结项",
            _ when ev is null => "该付款节点无需评估",
            _ when ev.Decided => "本期评估已完成",
            _ => null,
        };
    }

    private decimal? Completion(int trancheNo) => S.CompletionOf(trancheNo).Percent;

    private static ContractState Replace(ContractState s, ContractEvaluation ev) =>
        s with { Evaluations = s.Evaluations.Replace(s.Evaluations.Single(e => e.TrancheNo == ev.TrancheNo && e.Round == ev.Round), ev) };

    private async Task<Outcome<ContractState>> DecideIfCompleteAsync(ContractState next, int trancheNo, string user)
    {
        var ev = next.EvaluationOf(trancheNo)!;
        if (next.Sheets.Where(s => !ev.Scores.ContainsKey(s.Source)).Select(s => s.Source).SequenceEqual([EvaluationSource.Public]))
        {
            // 群众评 from the residents' ratings of this period, when there are any and nobody entered a survey.
            var ratings = await GrainFactory.GetGrain<IContractRatingsGrain>(Id).SummaryAsync(ev.Period());
            if (ratings.Score is { } score)
            {
                var sheet = next.Sheets.Single(s => s.Source == EvaluationSource.Public);
                var fromRatings = new SourceScore(EvaluationSource.Public, ResidentRatings.Sheet(sheet, score), score, RatingsScorer, Now, ratings.Count);
                ev = ev with { Scores = ev.Scores.SetItem(EvaluationSource.Public, fromRatings) };
                next = Replace(next, ev);
            }
        }
        if (next.Sheets.Any(s => !ev.Scores.ContainsKey(s.Source)))
        {
            return await CommitAsync(next);
        }
        var total = EvaluationScoring.Total(next.Sheets, ev.Scores.ToDictionary(x => x.Key, x => x.Value.Score));
        return await DecideAsync(next, ev, total, EvaluationScoring.Grade(total), null, user);
    }

    /// <summary>
    /// A pass makes the tranche payable; a first 不合格 holds it and opens one 整改 period with a
    /// re-evaluation; a second 不合格 releases it back to available, records a negative entry (barred for
    /// one year) and lets the organization appeal once.
    /// </summary>
    private async Task<Outcome<ContractState>> DecideAsync(ContractState next, ContractEvaluation ev, decimal total, EvaluationGrade grade, string? note, string user)
    {
        var decided = ev with { Total = total, Grade = grade, Note = note, DecidedAt = Now };
        next = Replace(next, decided);
        var tranche = next.Tranches[ev.TrancheNo - 1];
        var evaluated = tranche.Gate == TrancheGate.Final ? ContractStatus.FinalEvaluated : ContractStatus.MidTermEvaluated;
        // 整改中 ends with the re-evaluation: the contract moves on to the stage it was evaluated for.
        var status = next.Status == ContractStatus.Rectifying || next.Status < evaluated ? evaluated : next.Status;
        var text = $"合同“{S.Title}”第{tranche.No}笔款项的评估结果：{total:0.00}分，{grade.Chinese()}";
        ContractEvaluation? rectification = null;
        if (grade.Passed())
        {
            next = next with { Tranches = next.Tranches.SetItem(tranche.No - 1, tranche with { Status = TrancheStatus.Planned, Grade = grade }), Status = status };
            next = Notify(next, ["org:" + S.Uscc, "street:" + S.StreetId], text + "，待街道确认支付");
        }
        else if (ev.Round == 1)
        {
            rectification = NewEvaluation(tranche.No, 2, Today.AddDays(next.RectificationDays));
            next = next with
            {
                Tranches = next.Tranches.SetItem(tranche.No - 1, tranche with { Status = TrancheStatus.Held, Grade = grade }),
                Evaluations = next.Evaluations.Add(rectification),
                Status = ContractStatus.Rectifying, // its true stage, not the one the last passed evaluation left
            };
            next = Notify(next, ["org:" + S.Uscc, "street:" + S.StreetId],
                text + $"{(note is null ? "" : "（" + note + "）")}。款项暂缓支付，请于{rectification.Due:yyyy-MM-dd}前完成整改并提交整改报告");
        }
        else
        {
            var released = await ReleaseTrancheAsync(tranche, $"整改后评估仍不合格：{S.Title} 第{tranche.No}笔", user);
            if (!released.Succeeded)
            {
                return Outcome<ContractState>.Fail(released.Errors);
            }
            var entry = await NegativeEntryAsync(tranche, user);
            if (!entry.Succeeded)
            {
                return Outcome<ContractState>.Fail(entry.Errors);
            }
            next = next with
            {
                Tranches = next.Tranches.SetItem(tranche.No - 1, tranche with { Status = TrancheStatus.Released, Grade = grade }),
                Status = status, NegativeEntryId = entry.Value,
            };
            next = next with { Status = StatusAfterPayment(next) };
            next = Notify(next, ["org:" + S.Uscc, "street:" + S.StreetId],
                text + "。整改后仍不合格：该笔款项收回，已记入负面信息清单（1年内不得申请），如有异议可提出一次申诉");
        }
        if (rectification is not null)
        {
            await ScheduleReportAsync(rectification); // staged: stored with the state below
        }
        return await CommitAsync(next);
    }

    /// <summary>评估不合格 → a negative entry barring applications for one year; recorded once per tranche, even on a retry.</summary>
    private async Task<Outcome<Guid?>> NegativeEntryAsync(Tranche tranche, string user)
    {
        var organization = GrainFactory.GetGrain<IOrganizationGrain>(S.Uscc);
        var reference = string.Create(CultureInfo.InvariantCulture, $"contract:{Id:N}:t{tranche.No}");
        if ((await organization.GetAsync())?.NegativeEntries.FirstOrDefault(e => e.Fields.SourceReference == reference) is { } existing)
        {
            return Outcome<Guid?>.Ok(existing.Id);
        }
        var added = await organization.AddNegativeEntryAsync(new NegativeEntryDraft(NegativeSource.EvaluationFailure,
            $"合同“{S.Title}”第{tranche.No}笔款项整改后评估仍不合格", Today, Today.AddYears(1).AddDays(-1), false, reference), user);
        return added.Succeeded ? Outcome<Guid?>.Ok(added.Value!.Id) : Outcome<Guid?>.Fail(added.Errors);
    }
}
