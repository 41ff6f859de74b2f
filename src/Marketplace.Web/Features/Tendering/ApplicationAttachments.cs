using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Tendering;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Web.Features.Tendering;

/// <summary>
/// The files of one submit (申请附件): the ones kept from the organization's current application, copies of
/// documents chosen from its stored ones, and new uploads (PDF/JPG/PNG by content, the upload size limit).
/// Files written here are removed again when anything is refused, so a refused submit leaves nothing behind.
/// </summary>
public static class ApplicationAttachments
{
    /// <summary>The form field the upload messages stand beside.</summary>
    public const string UploadField = "Uploads";

    public sealed record Collected(ImmutableArray<ApplicationAttachment> Attachments, ImmutableArray<string> NewFiles);

    public static Task<Outcome<Collected>> CollectAsync(AppDbContext db, DocumentStore store, string uscc, TenderApplication? current,
        IReadOnlyCollection<Guid> keep, IReadOnlyCollection<Guid> fromDocuments, IReadOnlyList<IFormFile> uploads, CancellationToken ct) =>
        CollectAsync(db, store, uscc, current is { Withdrawn: false } ? current.Proposal.Attachments.Where(a => keep.Contains(a.Id)) : [],
            fromDocuments, uploads, ct);

    /// <summary>
    /// The same for any form that attaches files to what the organization files (an application, a contract's
    /// progress report): <paramref name="kept"/> stay as they are, chosen documents are copied, uploads checked.
    /// </summary>
    public static async Task<Outcome<Collected>> CollectAsync(AppDbContext db, DocumentStore store, string uscc, IEnumerable<ApplicationAttachment> kept,
        IReadOnlyCollection<Guid> fromDocuments, IReadOnlyList<IFormFile> uploads, CancellationToken ct, string perWhat = "每份申请")
    {
        var list = ImmutableArray.CreateBuilder<ApplicationAttachment>();
        var written = new List<string>();
        list.AddRange(kept);
        var files = uploads.Where(f => f.Length > 0 || f.FileName.Length > 0).ToList();
        if (list.Count + fromDocuments.Count + files.Count > ApplicationAttachment.MaxPerApplication)
        {
            return Outcome<Collected>.Fail(UploadField, $"{perWhat}最多附{ApplicationAttachment.MaxPerApplication}个文件");
        }
        try
        {
            // Only the organization's own stored documents: another organization's id is simply not found.
            // No query when none is chosen (most submits).
            var chosen = fromDocuments.Count == 0 ? []
                : await db.OrganizationDocuments.AsNoTracking().Where(d => d.Uscc == uscc && fromDocuments.Contains(d.Id)).ToListAsync(ct);
            if (chosen.Count != fromDocuments.Distinct().Count())
            {
                return Outcome<Collected>.Fail("FromDocuments", "所选的本单位材料不存在或已删除，请刷新页面后重新选择");
            }
            foreach (var d in chosen)
            {
                var copy = await store.CopyAsync(d.StoredName, uscc, ct);
                written.Add(copy);
                list.Add(new ApplicationAttachment(Guid.NewGuid(), d.OriginalName, copy, d.ContentType, d.Size));
            }
            foreach (var f in files)
            {
                var name = DocumentStore.SafeDisplayName(f.FileName);
                if (f.Length > store.MaxBytes)
                {
                    return Fail($"{name}：文件超过 {store.MaxSizeText} 的上限，请压缩后再上传");
                }
                await using var content = f.OpenReadStream();
                var saved = await store.SaveAsync(uscc, content, ct);
                if (!saved.Succeeded)
                {
                    return Fail($"{name}：{saved.Errors[0].Message}");
                }
                written.Add(saved.Value!.StoredName);
                list.Add(new ApplicationAttachment(Guid.NewGuid(), name, saved.Value.StoredName, saved.Value.ContentType, saved.Value.Size));
            }
        }
        catch
        {
            Discard(store, written);
            throw;
        }
        return Outcome<Collected>.Ok(new Collected(list.ToImmutable(), [.. written]));

        Outcome<Collected> Fail(string message)
        {
            Discard(store, written);
            return Outcome<Collected>.Fail(UploadField, message);
        }
    }

    /// <summary>Removes the files of a submit the tender refused.</summary>
    public static void Discard(DocumentStore store, IEnumerable<string> storedNames)
    {
        foreach (var name in storedNames)
        {
            store.Delete(name);
        }
    }
}
