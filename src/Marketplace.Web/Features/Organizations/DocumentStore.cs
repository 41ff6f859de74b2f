using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Web.Infrastructure.Database;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// Uploaded qualification documents on disk, in "uploads" under the data directory — outside wwwroot,
/// so the static-file middleware never serves them; pages hand them out after an access check.
/// Files are accepted by their content (magic bytes), not by name, and stored under a generated name.
/// </summary>
public sealed class DocumentStore
{
    private readonly string _root;
    private readonly long _maxBytes;

    public DocumentStore(DatabaseOptions database, IOptions<OrganizationOptions> options, IHostEnvironment environment)
    {
        _root = Path.Combine(Path.GetFullPath(database.DataDirectory, environment.ContentRootPath), "uploads");
        _maxBytes = options.Value.MaxUploadBytes;
        Directory.CreateDirectory(Path.Combine(_root, ".incoming"));
    }

    public long MaxBytes => _maxBytes;

    public string MaxSizeText => $"{_maxBytes / (1024.0 * 1024.0):0.#} MB";

    /// <summary>A file that passed the checks and now sits on disk under <see cref="StoredName"/>.</summary>
    public sealed record StoredFile(string StoredName, string ContentType, long Size);

    /// <summary>
    /// Streams <paramref name="content"/> to disk (never wholly into memory), refusing anything that is not
    /// a PDF, JPEG or PNG by its first bytes or that grows past the size limit. Nothing stays on disk on refusal.
    /// </summary>
    public async Task<Outcome<StoredFile>> SaveAsync(string uscc, Stream content, CancellationToken ct)
    {
        if (Uscc.FormatError(uscc) is not null)
        {
            throw new ArgumentException("A normalised, valid USCC is required.", nameof(uscc));
        }
        var head = new byte[8];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (read == 0)
        {
            return Outcome<StoredFile>.Fail("File", "文件是空的，请重新选择");
        }
        if (Detect(head.AsSpan(0, read)) is not { } detected)
        {
            return Outcome<StoredFile>.Fail("File", "只接受 PDF、JPG、PNG 格式的文件（按文件内容识别，改扩展名无效）");
        }
        var (extension, contentType) = detected;
        var incoming = Path.Combine(_root, ".incoming", Guid.NewGuid().ToString("N") + ".part");
        long size = read;
        try
        {
            await using (var file = new FileStream(incoming, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await file.WriteAsync(head.AsMemory(0, read), ct);
                var buffer = new byte[81920];
                int n;
                while ((n = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += n;
                    if (size > _maxBytes)
                    {
                        break;
                    }
                    await file.WriteAsync(buffer.AsMemory(0, n), ct);
                }
            }
            if (size > _maxBytes)
            {
                File.Delete(incoming);
                return Outcome<StoredFile>.Fail("File", $"文件超过 {MaxSizeText} 的上限，请压缩后再上传");
            }
            var storedName = $"{uscc}/{Guid.NewGuid():N}{extension}";
            var target = PathOf(storedName);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(incoming, target);
            return Outcome<StoredFile>.Ok(new StoredFile(storedName, contentType, size));
        }
        catch
        {
            File.Delete(incoming);
            throw;
        }
    }

    /// <summary>
    /// A copy of a stored file under a new generated name of the same organization: an application keeps the
    /// file as submitted even if the organization later deletes or replaces its document.
    /// </summary>
    public async Task<string> CopyAsync(string storedName, string uscc, CancellationToken ct)
    {
        var copy = $"{uscc}/{Guid.NewGuid():N}{Path.GetExtension(storedName)}";
        var target = PathOf(copy);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using (var source = OpenRead(storedName))
        await using (var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await source.CopyToAsync(file, ct);
        }
        return copy;
    }

    /// <summary>
    /// A stored file as a download: never sniffed, never cached, and an attachment rather than inline, since a
    /// PDF or image shown inline would run in our origin.
    /// </summary>
    public IResult Download(HttpResponse response, string storedName, string contentType, string shownName)
    {
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        response.Headers[HeaderNames.CacheControl] = "private, no-store";
        return Results.Stream(OpenRead(storedName), contentType, shownName, enableRangeProcessing: true);
    }

    public Stream OpenRead(string storedName) =>
        new FileStream(PathOf(storedName), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public void Delete(string storedName)
    {
        var path = PathOf(storedName);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>Display name only: the last path segment, without control characters, at most 100 characters.</summary>
    public static string SafeDisplayName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c) && c is not '"' and not '<' and not '>')]).Trim();
        if (name.Length == 0)
        {
            name = "文件";
        }
        return name.Length > 100 ? name[^100..] : name;
    }

    private string PathOf(string storedName)
    {
        var full = Path.GetFullPath(Path.Combine(_root, storedName));
        // Stored names are generated here, but a tampered database must still not reach outside the upload folder.
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Stored document path escapes the upload folder.");
        }
        return full;
    }

    private static (string Extension, string ContentType)? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return (".pdf", "application/pdf");
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return (".png", "image/png");
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return (".jpg", "image/jpeg");
        }
        return null;
    }
}
