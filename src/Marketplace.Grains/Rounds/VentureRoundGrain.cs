using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Persistence;

namespace Marketplace.Rounds;

/// <summary>
/// A 公益创投 round from draft to contracts (SPEC §1: the third purchase method). Lifecycle, the pool in the
/// ledger and the list entry here; applications, review, selection and contracts in the partial files.
/// </summary>
public sealed partial class VentureRoundGrain(
    [PersistentState("round", StorageNames.Marketplace)] IPersistentState<VentureRoundState> state,
    IRoundTimers timers,
    TimeProvider clock) : Grain, IVentureRoundGrain
{
    private const string Missing = "创投不存在";
    private const string Stale = "创投已被他人修改，请刷新页面后重试";

    private VentureRoundState S => state.State;
    private Guid Id => this.GetPrimaryKey();
    private DateTimeOffset Now => clock.GetUtcNow();
    private RoundSettings Settings => S.Settings!;

    /// <summary>Open past the deadline counts as closed at once: server time decides, not a job.</summary>
    private RoundStatus Status => S.Status == RoundStatus.Open && Now >= Settings.Deadline ? RoundStatus.Closed : S.Status;

    private bool Sealed => Status is RoundStatus.Draft or RoundStatus.Open || (Status == RoundStatus.Cancelled && S.OpenedAt is not null && Now < Settings.Deadline);

    public Task<RoundInfo?> GetInfoAsync() => Task.FromResult(S.Created ? Info() : null);

    public async Task<Outcome<RoundInfo>> CreateAsync(RoundOrganizer organizer, RoundSettings settings, string user)
    {
        if (S.Created)
        {
            return Outcome<RoundInfo>.Fail("", "该创投已存在");
        }
        var errors = RoundRules.ValidateSettings(settings, organizer.StreetId);
        if (!errors.IsEmpty)
        {
            return Outcome<RoundInfo>.Fail(errors);
        }
        return await CommitAsync(new VentureRoundState
        {
            Created = true, Organizer = organizer, Settings = Trimmed(settings), Status = RoundStatus.Draft, Version = 1, CreatedBy = user,
        });
    }

    public async Task<Outcome<RoundInfo>> EditAsync(RoundOrganizer organizer, int expectedVersion, RoundSettings settings, string user)
    {
        if (Refuse(organizer, expectedVersion) is { } refused)
        {
            return refused;
        }
        if (S.Status != RoundStatus.Draft)
        {
            return Outcome<RoundInfo>.Fail("", "创投开始申报后不能修改");
        }
        var errors = RoundRules.ValidateSettings(settings, organizer.StreetId);
        return errors.IsEmpty ? await CommitAsync(S with { Settings = Trimmed(settings), Version = S.Version + 1 }) : Outcome<RoundInfo>.Fail(errors);
    }

    public async Task<Outcome<RoundInfo>> OpenAsync(RoundOrganizer organizer, int expectedVersion, string user)
    {
        if (Refuse(organizer, expectedVersion) is { } refused)
        {
            return refused;
        }
        if (S.Status != RoundStatus.Draft)
        {
            return Outcome<RoundInfo>.Fail("", "创投已开始申报");
        }
        if (Now >= Settings.Deadline)
        {
            return Outcome<RoundInfo>.Fail("Deadline", "申报截止时间已过，请先修改申报时间");
        }
        var errors = await EncumberPoolAsync(user);
        if (!errors.IsEmpty)
        {
            return Outcome<RoundInfo>.Fail(errors);
        }
        // Staged before the commit: the deadline is stored in the same transaction as the opening (docs/decisions/0011).
        await timers.ScheduleCloseAsync(Id, Settings.Deadline);
        return await CommitAsync(S with { Status = RoundStatus.Open, OpenedAt = Now, Version = S.Version + 1 });
    }

    public async Task<Outcome<RoundInfo>> CloseAsync()
    {
        if (!S.Created)
        {
            return Outcome<RoundInfo>.Fail("", Missing);
        }
        // Server time already treats an open round past its deadline as closed; this records it (and the
        // district's list shows 申报截止). Closed already, cancelled, or early: nothing to do.
        if (S.Status != RoundStatus.Open || Now < Settings.Deadline)
        {
            return Outcome<RoundInfo>.Ok(Info());
        }
        return await CommitAsync(S with { Status = RoundStatus.Closed, Version = S.Version + 1 });
    }

    public async Task<Outcome<RoundInfo>> CancelAsync(RoundOrganizer organizer, string reason, string user)
    {
        if (Refuse(organizer, S.Version) is { } refused)
        {
            return refused;
        }
        if (S.Status is RoundStatus.Publicity or RoundStatus.Contracts or RoundStatus.Cancelled)
        {
            return Outcome<RoundInfo>.Fail("", "立项公示后不能取消创投");
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome<RoundInfo>.Fail("Reason", "请填写取消理由");
        }
        await ReleasePoolAsync("cancel", "公益创投取消：" + reason.Trim(), user);
        return await CommitAsync(S with { Status = RoundStatus.Cancelled, EndReason = reason.Trim(), Version = S.Version + 1 });
    }

    private Outcome<RoundInfo>? Refuse(RoundOrganizer organizer, int expectedVersion)
    {
        if (!S.Created || S.Organizer != organizer)
        {
            return Outcome<RoundInfo>.Fail("", Missing);
        }
        return S.Version == expectedVersion ? null : Outcome<RoundInfo>.Fail("", Stale);
    }

    private bool IsOrganizer(RoundOrganizer organizer) => S.Created && S.Organizer == organizer;

    private static RoundSettings Trimmed(RoundSettings s) => s with
    {
        Title = s.Title.Trim(), Theme = s.Theme.Trim(), Categories = [.. s.Categories.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct()],
        Shares = s.Shares.IsDefault ? [] : s.Shares,
    };

    private RoundInfo Info() => new(Id, S.Organizer, Settings, Status, S.Version,
        Sealed ? null : S.Applications.Length, S.Publicity, S.EndReason);

    /// <summary>Writes the state, then the district's list entry (the list is a convenience copy, the round is the truth).</summary>
    private async Task<Outcome<RoundInfo>> CommitAsync(VentureRoundState next)
    {
        await state.CommitAsync(next);
        await UpdateListAsync();
        return Outcome<RoundInfo>.Ok(Info());
    }

    private Task UpdateListAsync() => GrainFactory.GetGrain<IVentureRoundListGrain>(S.Organizer.DistrictId).UpsertAsync(
        new RoundSummary(Id, S.Organizer, Settings.Title, Settings.ServiceYear, S.Status, Settings.Pool, Settings.Cap, Settings.Deadline, Settings.Shares));
}
