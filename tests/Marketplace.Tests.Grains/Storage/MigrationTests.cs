using Marketplace.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Tests.Grains.Storage;

/// <summary>A model change without its migration for both providers would only fail at a user's first start.</summary>
public sealed class MigrationTests
{
    [Fact]
    public void Sqlite_migrations_cover_the_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> --context SqliteAppDbContext --output-dir Migrations/Sqlite");
    }

    [Fact]
    public void Postgres_migrations_cover_the_model()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "run: dotnet ef migrations add <Name> --context PostgresAppDbContext --output-dir Migrations/Postgres");
    }
}
