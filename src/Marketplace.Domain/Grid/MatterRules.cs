using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Marketplace.Domain;

namespace Marketplace.Grid;

/// <summary>What a reported matter must carry (issue 17, bad input: unknown grid, empty text, oversize photos).</summary>
public static partial class MatterRules
{
    public const int MaxTextLength = 1000;
    public const int MaxPhotos = 4;

    /// <summary>One photo at most 5 MB (a phone photo), all photos of a matter at most 12 MB.</summary>
    public const long MaxPhotoBytes = 5 * 1024 * 1024;

    public const long MaxPhotosTotalBytes = 12 * 1024 * 1024;

    public static ImmutableArray<FieldError> ValidateReport(string? title, string? text, string? place, string? area,
        IReadOnlySet<string> knownAreas, IReadOnlyList<long> photoSizes)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > 40)
        {
            errors.Add(new("Title", "请填写事项标题（不超过40个字）"));
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new("Text", "请填写事项内容"));
        }
        else if (text.Trim().Length > MaxTextLength)
        {
            errors.Add(new("Text", $"事项内容不能超过{MaxTextLength}个字"));
        }
        if (string.IsNullOrWhiteSpace(place) || place.Trim().Length > 100)
        {
            errors.Add(new("Place", "请填写发生地点（不超过100个字）"));
        }
        if (area is null || !knownAreas.Contains(area))
        {
            errors.Add(new("ServiceAreaCode", "请选择事项类别"));
        }
        if (photoSizes.Count > MaxPhotos)
        {
            errors.Add(new("Photos", $"照片最多{MaxPhotos}张"));
        }
        if (photoSizes.Any(s => s > MaxPhotoBytes) || photoSizes.Sum() > MaxPhotosTotalBytes)
        {
            errors.Add(new("Photos", "每张照片不能超过5MB，合计不能超过12MB"));
        }
        return errors.ToImmutable();
    }

    public static FieldError? ValidatePhone(string? phone) =>
        phone is not null && Mobile().IsMatch(phone.Trim()) ? null : new FieldError("Phone", "请填写11位手机号码");

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();
}
