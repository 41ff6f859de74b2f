using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Audit;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Verification;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// NGO self-registration: a sign-in account and the organization, together or not at all. The account
/// is created first and deleted again if the organization is refused (e.g. someone registered the same
/// code a moment earlier), so a failed registration leaves nothing behind. Both stay 待确认 until the code
/// sent to the contact mobile is typed (issue 16 item 1): the account holds no role, so it opens only the
/// confirm page, and the application is outside the review queue; unconfirmed, both are removed at the expiry
/// (<see cref="RegistrationExpiryHandler"/>).
/// </summary>
public sealed class OrganizationRegistration(
    UserManager<ApplicationUser> users, IGrainFactory grains, IVerificationCodeSender sender,
    IOptions<OrganizationOptions> options, TimeProvider clock, IHttpContextAccessor http)
{
    public sealed record Account(string UserName, string Password, string DisplayName);

    public async Task<Outcome<ApplicationUser>> RegisterAsync(string usccInput, OrganizationProfile profile, Account account, CancellationToken ct)
    {
        var uscc = Uscc.Normalise(usccInput);
        if (Uscc.Validate(uscc, profile.Type) is { } usccError)
        {
            return Outcome<ApplicationUser>.Fail("Uscc", usccError);
        }
        var grain = grains.GetGrain<IOrganizationGrain>(uscc);
        if (await grain.GetAsync() is not null)
        {
            return Outcome<ApplicationUser>.Fail("Uscc", "该统一社会信用代码已登记，不能重复注册");
        }
        var user = new ApplicationUser
        {
            UserName = account.UserName.Trim(), DisplayName = account.DisplayName.Trim(), OrganizationUscc = uscc,
        };
        var created = await users.CreateAsync(user, account.Password);
        if (!created.Succeeded)
        {
            return Outcome<ApplicationUser>.Fail([.. created.Errors.Select(e =>
                new FieldError(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : "UserName", e.Description))]);
        }
        Outcome<IssuedCode> registered;
        try
        {
            // The applicant is not signed in yet: the audit trail records the registration under the new account.
            new AuditActor(user.UserName, "", null, null, http.HttpContext?.Connection.RemoteIpAddress?.ToString()).Enter();
            registered = await grain.RegisterPendingAsync(profile, user.UserName, clock.GetUtcNow().AddHours(options.Value.UnconfirmedRegistrationHours));
        }
        catch
        {
            await users.DeleteAsync(user);
            throw;
        }
        if (!registered.Succeeded)
        {
            await users.DeleteAsync(user);
            return Outcome<ApplicationUser>.Fail(registered.Errors);
        }
        await sender.SendAsync(registered.Value!.Mobile, registered.Value.Code, ct);
        return Outcome<ApplicationUser>.Ok(user);
    }

    /// <summary>Whether the account is a registration still waiting for its code (signing in leads it to the confirm page).</summary>
    public async Task<bool> AwaitsConfirmationAsync(ApplicationUser user) =>
        user.OrganizationUscc is not null && !await users.IsInRoleAsync(user, Roles.Ngo);

    /// <summary>A new code to the registration's mobile (重新发送验证码); the refusal for the Code field.</summary>
    public async Task<Outcome> ResendAsync(IOrganizationGrain pending, CancellationToken ct)
    {
        var issued = await pending.IssueConfirmationCodeAsync();
        if (!issued.Succeeded)
        {
            return Outcome.Fail(issued.Errors);
        }
        await sender.SendAsync(issued.Value!.Mobile, issued.Value.Code, ct);
        return Outcome.Ok;
    }

    /// <summary>
    /// The grain checks the code (the one command); once it confirmed, the account becomes an NGO account. A failure
    /// between the two is finished by posting the code again: the grain answers a confirmed registration's own account
    /// with success.
    /// </summary>
    public async Task<Outcome<ApplicationUser>> ConfirmAsync(IOrganizationGrain pending, string userName, string? code)
    {
        var confirmed = await pending.ConfirmRegistrationAsync(code ?? "", userName);
        if (!confirmed.Succeeded)
        {
            return Outcome<ApplicationUser>.Fail(confirmed.Errors);
        }
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException("The confirmed registration's account is gone.");
        if (!await users.IsInRoleAsync(user, Roles.Ngo))
        {
            var role = await users.AddToRoleAsync(user, Roles.Ngo);
            if (!role.Succeeded)
            {
                throw new InvalidOperationException(string.Join("；", role.Errors.Select(e => e.Description)));
            }
        }
        return Outcome<ApplicationUser>.Ok(user);
    }
}
