using System.Collections.Immutable;
using Marketplace.Web.Infrastructure.Database;

namespace Marketplace.Web.Features.Grid;

/// <summary>
/// Photos of matters on disk ("uploads/matters" under the data directory, outside wwwroot). Only the street's
/// pages show them: a photo may show a resident's home. The grain checks the sizes first; files are written
/// only after it accepted the report.
/// </summary>
public sealed class MatterPhotos(DatabaseOptions database, IHostEnvironment environment)
{
    private readonly string _root = Path.Combine(Path.GetFullPath(database.DataDirectory, environment.ContentRootPath), "uploads", "matters");

    /// <summary>New names for the uploaded files (the grain records them with the matter).</summary>
    public static ImmutableArray<string> NamesFor(IReadOnlyList<IFormFile> files) =>
        [.. files.Select(f => Guid.NewGuid().ToString("N") + (Path.GetExtension(f.FileName).ToLowerInvariant() is ".png" ? ".png" : ".jpg"))];

    public async Task SaveAsync(IReadOnlyList<IFormFile> files, ImmutableArray<string> names, CancellationToken ct)
    {
        Directory.CreateDirectory(_root);
        for (var i = 0; i < files.Count; i++)
        {
            await using var target = File.Create(Path.Combine(_root, names[i]));
            await files[i].CopyToAsync(target, ct);
        }
    }

    /// <summary>A stored photo by the name the matter holds; null for any other name.</summary>
    public Stream? OpenRead(string name) =>
        name.Length == 36 && name.All(c => char.IsAsciiHexDigitLower(c) || c == '.' || char.IsAsciiLetterLower(c)) && File.Exists(Path.Combine(_root, name))
            ? File.OpenRead(Path.Combine(_root, name)) : null;
}
