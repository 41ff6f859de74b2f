using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Web.Data;
using Marketplace.Web.Features.Organizations;
using Marketplace.Web.Infrastructure.Identity;
using Marketplace.Web.Infrastructure.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Ngo;

/// <summary>The NGO's own organization: directory status, documents (upload, delete), resubmission after a return.</summary>
// Uploads up to this size are read (to disk, not memory) so an oversized file gets a Chinese message
// instead of a dropped connection; the real per-file limit is OrganizationOptions.MaxUploadBytes.
[RequestSizeLimit(64L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 64L * 1024 * 1024)]
public sealed class OrganizationModel(AppDbContext db, IGrainFactory grains, DocumentStore store, CurrentTenant tenant) : PageModel
{
    public OrganizationView View { get; private set; } = null!;

    public string MaxSizeText => store.MaxSizeText;

    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? ResubmitNote { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var errors = new List<FieldError>();
        var kind = FormParse.Choice<DocumentKind>(Kind, nameof(Kind), errors, "请选择材料类别");
        ModelState.AddOutcome(errors);
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "请选择要上传的文件");
        }
        else if (Upload.Length > store.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"文件超过 {store.MaxSizeText} 的上限，请压缩后再上传");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var uscc = View.Organization.Uscc;
        await using var content = Upload!.OpenReadStream();
        var saved = await store.SaveAsync(uscc, content, ct);
        if (!saved.Succeeded)
        {
            ModelState.AddModelError(nameof(Upload), saved.Errors[0].Message);
            return Page();
        }
        var file = saved.Value!;
        var document = new OrganizationDocument(Guid.NewGuid(), kind!.Value, DocumentStore.SafeDisplayName(Upload.FileName), file.StoredName,
            file.ContentType, file.Size, User.Identity!.Name!, DateTimeOffset.UtcNow);
        var added = await grains.GetGrain<IOrganizationGrain>(uscc).AddDocumentAsync(document);
        if (!added.Succeeded)
        {
            // Nothing half-stored: the file goes if the record could not be kept.
            store.Delete(file.StoredName);
            ModelState.AddModelError(nameof(Upload), added.Errors[0].Message);
            return Page();
        }
        TempData["Message"] = $"已上传：{document.OriginalName}";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteDocumentAsync(Guid documentId, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var removed = await grains.GetGrain<IOrganizationGrain>(View.Organization.Uscc).RemoveDocumentAsync(documentId);
        if (!removed.Succeeded)
        {
            return NotFound();
        }
        store.Delete(removed.Value!.StoredName);
        TempData["Message"] = $"已删除：{removed.Value.OriginalName}";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResubmitAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var result = await grains.GetGrain<IOrganizationGrain>(View.Organization.Uscc)
            .ChangeStatusAsync(DirectoryStatus.Applying, string.IsNullOrWhiteSpace(ResubmitNote) ? "修改后重新提交入库申请" : ResubmitNote, User.Identity!.Name!);
        if (!result.Succeeded)
        {
            ModelState.AddOutcome(result.Errors, renames: new Dictionary<string, string> { ["Reason"] = nameof(ResubmitNote) }, form: GetType());
            return Page();
        }
        TempData["Message"] = "已重新提交入库申请";
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (tenant.Uscc is not { } uscc || await OrganizationView.LoadAsync(db, uscc, ct) is not { } view)
        {
            return false;
        }
        View = view;
        return true;
    }
}
