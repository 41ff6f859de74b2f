using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Organizations;

/// <summary>
/// 待确认 self-registrations (issue 16 item 1): outside the review queue until the contact mobile is proven by a code;
/// removed by timed work when never proven, so the 用户名 and the 统一社会信用代码 can register again.
/// </summary>
public sealed partial class OrganizationGrain
{
    private const string NothingToConfirm = "该注册无需确认";

    public async Task<Outcome<IssuedCode>> RegisterPendingAsync(OrganizationProfile profile, string account, DateTimeOffset expiresAt)
    {
        var now = clock.GetUtcNow();
        var mobile = profile.ContactPhone.Trim();
        var code = RegistrationConfirmation.NewCode();
        var pending = RegistrationConfirmation.Sent(new PendingConfirmation(account, mobile, expiresAt, null, now, now, 0, 0), Key, code, now);
        var created = await CreateAsync(profile, account, DirectoryStatus.Unconfirmed, "注册，待确认联系人手机", null, MobileRequired, pending);
        return created.Succeeded ? Outcome<IssuedCode>.Ok(new IssuedCode(mobile, code)) : Outcome<IssuedCode>.Fail(created.Errors);
    }

    public async Task<Outcome<IssuedCode>> IssueConfirmationCodeAsync()
    {
        if (Current.Status != DirectoryStatus.Unconfirmed || Current.Confirmation is not { } pending)
        {
            return Outcome<IssuedCode>.Fail("", NothingToConfirm);
        }
        var now = clock.GetUtcNow();
        if (RegistrationConfirmation.ResendRefusal(pending, now) is { } refusal)
        {
            return Outcome<IssuedCode>.Fail([refusal]);
        }
        var code = RegistrationConfirmation.NewCode();
        await SaveAsync(Current with { Confirmation = RegistrationConfirmation.Sent(pending, Key, code, now) });
        return Outcome<IssuedCode>.Ok(new IssuedCode(pending.Mobile, code));
    }

    public async Task<Outcome> ConfirmRegistrationAsync(string code, string account)
    {
        if (Current.IsRegistered && Current.Status != DirectoryStatus.Unconfirmed && Current.History.FirstOrDefault()?.By == account)
        {
            return Outcome.Ok; // confirmed before: the caller finishes what it could not finish then
        }
        if (Current.Status != DirectoryStatus.Unconfirmed || Current.Confirmation is not { } pending || pending.Account != account)
        {
            return Outcome.Fail("", NothingToConfirm);
        }
        var now = clock.GetUtcNow();
        var (next, error) = RegistrationConfirmation.Check(pending, Key, code, now);
        if (error is not null)
        {
            if (next != pending)
            {
                await SaveAsync(Current with { Confirmation = next }); // the wrong try counts, also across silos and restarts
            }
            return Outcome.Fail([error]);
        }
        var change = new StatusChange(DirectoryStatus.Unconfirmed, DirectoryStatus.Applying, "确认联系人手机，提交入库申请", account, now);
        await SaveAsync(Current with { Status = DirectoryStatus.Applying, Confirmation = null, History = Current.History.Add(change) });
        return Outcome.Ok;
    }

    public async Task<Outcome> ExpireRegistrationAsync()
    {
        if (Current.Status != DirectoryStatus.Unconfirmed || Current.Confirmation is not { } pending || clock.GetUtcNow() < pending.ExpiresAt)
        {
            return Outcome.Ok; // confirmed, expired already, or re-registered with a later expiry
        }
        await SaveAsync(new OrganizationState { Uscc = Key });
        return Outcome.Ok;
    }

    /// <summary>The code goes to the contact phone, so a self-registration needs a mobile there (imports and edits may keep a landline).</summary>
    private static ImmutableArray<FieldError> MobileRequired(OrganizationProfile profile) =>
        Marketplace.Grid.MatterRules.ValidatePhone(profile.ContactPhone) is null
            ? []
            : [new(nameof(profile.ContactPhone), "请填写联系人的11位手机号码，用于接收注册验证码")];
}
