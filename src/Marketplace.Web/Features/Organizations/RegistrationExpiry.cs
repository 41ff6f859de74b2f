using Marketplace.Organizations;
using Marketplace.Web.Data.Entities;
using Marketplace.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Features.Organizations;

/// <summary>The expiry of a 待确认 registration (subject: the USCC), staged for the organization's next write (ADR 0011).</summary>
public sealed class OrganizationTimers(StagedDueWork staged) : IOrganizationTimers
{
    public Task ScheduleRegistrationExpiryAsync(string uscc, DateTimeOffset dueAt)
    {
        staged.Stage<OrganizationState>(uscc, IOrganizationTimers.RegistrationExpiryKind, uscc, dueAt);
        return Task.CompletedTask;
    }
}

/// <summary>
/// At a 待确认 registration's expiry: its account is deleted, then the grain removes the registration, so the 用户名
/// and the 统一社会信用代码 are free to register again. In that order, so a retry after a failure between the two
/// still finds the grain to clear (the grain refuses a confirmation after the expiry, so nobody confirms in between).
/// Confirmed, removed already, or re-registered with a later expiry: nothing.
/// </summary>
public sealed class RegistrationExpiryHandler(IGrainFactory grains, IServiceScopeFactory scopes, TimeProvider clock) : IDueWorkHandler
{
    public string Kind => IOrganizationTimers.RegistrationExpiryKind;

    public async Task RunAsync(string subjectId, CancellationToken ct)
    {
        var grain = grains.GetGrain<IOrganizationGrain>(subjectId);
        if (await grain.GetAsync() is not { Status: DirectoryStatus.Unconfirmed, Confirmation: { } pending } || clock.GetUtcNow() < pending.ExpiresAt)
        {
            return;
        }
        await using (var scope = scopes.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            // Only the registration's own account, and only while it holds no role (never a confirmed NGO's).
            if (await users.FindByNameAsync(pending.Account) is { } user && user.OrganizationUscc == subjectId && (await users.GetRolesAsync(user)).Count == 0)
            {
                var deleted = await users.DeleteAsync(user);
                if (!deleted.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("；", deleted.Errors.Select(e => e.Description))); // Hangfire retries
                }
            }
        }
        var expired = await grain.ExpireRegistrationAsync();
        if (!expired.Succeeded)
        {
            throw new InvalidOperationException(string.Join("；", expired.Errors.Select(e => e.Message)));
        }
    }
}
