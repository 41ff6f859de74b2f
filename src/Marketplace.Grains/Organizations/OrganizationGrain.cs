using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Persistence;

namespace Marketplace.Organizations;

public sealed partial class OrganizationGrain(
    [PersistentState("organization", StorageNames.Marketplace)] IPersistentState<OrganizationState> state,
    IOrganizationReferenceData reference,
    IOrganizationTimers timers,
    TimeProvider clock) : Grain, IOrganizationGrain
{
    private const string NotRegistered = "该组织尚未登记";
    private const int MaxDocuments = 50;

    private string Key => this.GetPrimaryKeyString();

    private OrganizationState Current => state.State;

    public Task<OrganizationState?> GetAsync() => Task.FromResult(Current.IsRegistered ? Current : null);

    public Task<Outcome<OrganizationState>> RegisterAsync(OrganizationProfile profile, string user) =>
        CreateAsync(profile, user, DirectoryStatus.Applying, "提交入库申请", null);

    public Task<Outcome<OrganizationState>> ImportAsync(OrganizationProfile profile, Guid importId, string user) =>
        CreateAsync(profile, user, DirectoryStatus.Admitted, "目录批量导入", importId);

    public async Task<Outcome> DiscardImportAsync(Guid importId)
    {
        if (!Current.IsRegistered || Current.ImportId != importId || Current.Version != 1)
        {
            return Outcome.Fail("", "该组织不是由本次导入创建的，不能撤销");
        }
        await state.CommitAsync(new OrganizationState { Uscc = Key, Version = Current.Version + 1, UpdatedAt = clock.GetUtcNow() });
        return Outcome.Ok;
    }

    public async Task<Outcome<OrganizationState>> UpdateProfileAsync(int expectedVersion, OrganizationProfile profile, string user)
    {
        if (!Current.IsRegistered)
        {
            return Outcome<OrganizationState>.Fail("", NotRegistered);
        }
        if (Current.Version != expectedVersion)
        {
            return Outcome<OrganizationState>.Fail("", "资料已被他人修改，请刷新页面后重新编辑");
        }
        profile = OrganizationRules.Normalise(profile);
        var errors = await ValidateAsync(profile);
        if (!errors.IsEmpty)
        {
            return Outcome<OrganizationState>.Fail(errors);
        }
        return Outcome<OrganizationState>.Ok(await SaveAsync(Current with { Profile = profile }));
    }

    public async Task<Outcome<OrganizationState>> ChangeStatusAsync(DirectoryStatus to, string? reason, string user)
    {
        if (!Current.IsRegistered)
        {
            return Outcome<OrganizationState>.Fail("", NotRegistered);
        }
        if (OrganizationRules.TransitionError(Current.Status, to) is { } error)
        {
            return Outcome<OrganizationState>.Fail("", error);
        }
        reason = reason?.Trim() ?? string.Empty;
        // Returning, suspending and removing affect the organization's livelihood: the reason is recorded and shown to it.
        if (to is DirectoryStatus.Returned or DirectoryStatus.Suspended or DirectoryStatus.Removed && reason.Length == 0)
        {
            return Outcome<OrganizationState>.Fail("Reason", $"请填写{to.Chinese()}原因");
        }
        if (reason.Length > 500)
        {
            return Outcome<OrganizationState>.Fail("Reason", "原因不能超过 500 字");
        }
        var change = new StatusChange(Current.Status, to, reason, user, clock.GetUtcNow());
        return Outcome<OrganizationState>.Ok(await SaveAsync(Current with { Status = to, History = Current.History.Add(change) }));
    }

    public async Task<Outcome<NegativeEntry>> AddNegativeEntryAsync(NegativeEntryDraft draft, string user)
    {
        if (!Current.IsRegistered)
        {
            return Outcome<NegativeEntry>.Fail("", NotRegistered);
        }
        draft = draft with { Reason = draft.Reason.Trim(), SourceReference = draft.SourceReference?.Trim() };
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (!Enum.IsDefined(draft.Source))
        {
            errors.Add(new(nameof(draft.Source), "请选择负面信息来源"));
        }
        if (draft.Reason.Length == 0)
        {
            errors.Add(new(nameof(draft.Reason), "请填写负面信息事由"));
        }
        else if (draft.Reason.Length > 500)
        {
            errors.Add(new(nameof(draft.Reason), "事由不能超过 500 字"));
        }
        if (draft.EndsOn is { } end && end < draft.StartsOn)
        {
            errors.Add(new(nameof(draft.EndsOn), "结束日期不能早于开始日期"));
        }
        if (errors.Count > 0)
        {
            return Outcome<NegativeEntry>.Fail(errors.ToImmutable());
        }
        // The contract issue records an evaluation failure once per evaluation: a repeat call must not add a second entry.
        if (draft.SourceReference is { Length: > 0 } reference &&
            Current.NegativeEntries.FirstOrDefault(e => e.Fields.SourceReference == reference && e.Fields.Source == draft.Source) is { } existing)
        {
            return Outcome<NegativeEntry>.Ok(existing);
        }
        var entry = new NegativeEntry(Guid.NewGuid(), draft, user, clock.GetUtcNow(), null, null, null);
        await SaveAsync(Current with { NegativeEntries = Current.NegativeEntries.Add(entry) });
        return Outcome<NegativeEntry>.Ok(entry);
    }

    public async Task<Outcome> RevokeNegativeEntryAsync(Guid entryId, string reason, string user)
    {
        var entry = Current.NegativeEntries.FirstOrDefault(e => e.Id == entryId);
        if (entry is null)
        {
            return Outcome.Fail("", "负面信息记录不存在");
        }
        if (entry.RevokedAt is not null)
        {
            return Outcome.Fail("", "该记录已撤销");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome.Fail("Reason", "请填写撤销原因");
        }
        var revoked = entry with { RevokedAt = clock.GetUtcNow(), RevokedBy = user, RevokeReason = reason.Trim() };
        await SaveAsync(Current with { NegativeEntries = Current.NegativeEntries.Replace(entry, revoked) });
        return Outcome.Ok;
    }

    public async Task<Outcome<IncubationRecord>> AddIncubationRecordAsync(
        long baseId, DateOnly startsOn, DateOnly? endsOn, string mentor, DateOnly? graduatedOn, string user)
    {
        if (!Current.IsRegistered)
        {
            return Outcome<IncubationRecord>.Fail("", NotRegistered);
        }
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        var baseName = await reference.IncubationBaseNameAsync(baseId);
        if (baseName is null)
        {
            errors.Add(new("BaseId", "请选择孵化基地"));
        }
        if (endsOn is { } end && end < startsOn)
        {
            errors.Add(new("EndsOn", "出壳/结束日期不能早于入驻日期"));
        }
        if (graduatedOn is { } g && g < startsOn)
        {
            errors.Add(new("GraduatedOn", "出壳日期不能早于入驻日期"));
        }
        if (mentor.Trim().Length > 100)
        {
            errors.Add(new("Mentor", "导师/扶持机构不能超过 100 字"));
        }
        if (errors.Count > 0)
        {
            return Outcome<IncubationRecord>.Fail(errors.ToImmutable());
        }
        var record = new IncubationRecord(Guid.NewGuid(), baseId, baseName!, startsOn, endsOn, mentor.Trim(), graduatedOn, user);
        await SaveAsync(Current with { Incubation = Current.Incubation.Add(record) });
        return Outcome<IncubationRecord>.Ok(record);
    }

    public async Task<Outcome> AddDocumentAsync(OrganizationDocument document)
    {
        if (!Current.IsRegistered)
        {
            return Outcome.Fail("", NotRegistered);
        }
        if (Current.Documents.Count >= MaxDocuments)
        {
            return Outcome.Fail("File", $"每个组织最多上传 {MaxDocuments} 份材料，请先删除不再需要的材料");
        }
        await SaveAsync(Current with { Documents = Current.Documents.Add(document) });
        return Outcome.Ok;
    }

    public async Task<Outcome<OrganizationDocument>> RemoveDocumentAsync(Guid documentId)
    {
        var document = Current.Documents.FirstOrDefault(d => d.Id == documentId);
        if (document is null)
        {
            return Outcome<OrganizationDocument>.Fail("", "材料不存在");
        }
        await SaveAsync(Current with { Documents = Current.Documents.Remove(document) });
        return Outcome<OrganizationDocument>.Ok(document);
    }

    public Task<string?> ApplicantIneligibleReasonAsync(long districtId, EligibilityRequirements requirements, DateTimeOffset at) =>
        Task.FromResult(OrganizationRules.ApplicantIneligibleReason(Current, districtId, requirements, at));

    public Task<ApplicantCheck> ApplicantAsync(long districtId, EligibilityRequirements requirements, DateTimeOffset at) =>
        Task.FromResult(new ApplicantCheck(Current.Profile?.Name ?? "", OrganizationRules.ApplicantIneligibleReason(Current, districtId, requirements, at)));

    public Task<Outcome> CheckEligibilityAsync(ImmutableArray<ProviderType> providerTypes, int minCertifiedSocialWorkers, DateTimeOffset at) =>
        Task.FromResult(OrganizationRules.Eligibility(Current, providerTypes.IsDefault ? [] : providerTypes, minCertifiedSocialWorkers, at));

    private async Task<Outcome<OrganizationState>> CreateAsync(
        OrganizationProfile profile, string user, DirectoryStatus status, string reason, Guid? importId,
        Func<OrganizationProfile, ImmutableArray<FieldError>>? extraChecks = null, PendingConfirmation? pending = null)
    {
        if (Uscc.FormatError(Key) is { } keyError)
        {
            return Outcome<OrganizationState>.Fail("Uscc", keyError);
        }
        if (Current.IsRegistered)
        {
            return Outcome<OrganizationState>.Fail("Uscc", "该统一社会信用代码已登记，不能重复注册");
        }
        profile = OrganizationRules.Normalise(profile);
        var errors = await ValidateAsync(profile);
        if (Uscc.Validate(Key, profile.Type) is { } typeError)
        {
            errors = errors.Add(new("Uscc", typeError));
        }
        if (extraChecks is not null)
        {
            errors = errors.AddRange(extraChecks(profile));
        }
        if (!errors.IsEmpty)
        {
            return Outcome<OrganizationState>.Fail(errors);
        }
        var now = clock.GetUtcNow();
        var next = Current with
        {
            Uscc = Key, Profile = profile, Status = status, RegisteredAt = now, ImportId = importId,
            History = [new StatusChange(null, status, reason, user, now)],
            NegativeEntries = [], Incubation = [], Documents = [], Confirmation = pending,
        };
        if (pending is not null)
        {
            // Right before the write (ADR 0011): the expiry is stored with the registration or not at all.
            await timers.ScheduleRegistrationExpiryAsync(Key, pending.ExpiresAt);
        }
        return Outcome<OrganizationState>.Ok(await SaveAsync(next));
    }

    private async Task<OrganizationState> SaveAsync(OrganizationState next)
    {
        next = next with { Version = Current.Version + 1, UpdatedAt = clock.GetUtcNow() };
        await state.CommitAsync(next);
        return next;
    }

    private async Task<ImmutableArray<FieldError>> ValidateAsync(OrganizationProfile profile)
    {
        var errors = OrganizationRules.Validate(profile, await reference.ServiceAreaCodesAsync(), ChinaTime.Day(clock.GetUtcNow()));
        if (!await reference.DistrictExistsAsync(profile.DistrictId))
        {
            errors = errors.Add(new(nameof(profile.DistrictId), "请选择申请入库的区"));
        }
        else if (profile.StreetId is { } street && !await reference.StreetInDistrictAsync(street, profile.DistrictId))
        {
            errors = errors.Add(new(nameof(profile.StreetId), "所选街道不属于该区"));
        }
        if (profile.IncubationBaseId is { } baseId && await reference.IncubationBaseNameAsync(baseId) is null)
        {
            errors = errors.Add(new(nameof(profile.IncubationBaseId), "所选孵化基地不存在"));
        }
        return errors;
    }
}
