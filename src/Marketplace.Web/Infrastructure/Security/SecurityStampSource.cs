using Marketplace.Accounts;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Infrastructure.Security;

/// <summary>The stored security stamp, read by <see cref="SessionStampGrain"/> when it activates.</summary>
public sealed class SecurityStampSource(IDbContextFactory<AppDbContext> dbFactory) : ISecurityStampSource
{
    public async Task<string?> StampAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.SecurityStamp)
            .SingleOrDefaultAsync(cancellationToken);
    }
}
