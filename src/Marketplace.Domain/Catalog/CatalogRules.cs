using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Catalog;

/// <summary>Field rules of a transfer item, shared by the catalog grain and the pages' validation.</summary>
public static class CatalogRules
{
    public const int TitleMax = 100;
    public const int ContentMax = 4000;
    public const int RequirementsMax = 4000;
    public const int MaterialsMax = 2000;

    public static ImmutableArray<FieldError> Validate(TransferItemDraft d, ISet<string> knownAreaCodes)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        Required(errors, nameof(d.Title), d.Title, "服务事项", TitleMax);
        Required(errors, nameof(d.Content), d.Content, "具体内容", ContentMax);
        Required(errors, nameof(d.Requirements), d.Requirements, "服务要求", RequirementsMax);
        if ((d.Materials?.Length ?? 0) > MaterialsMax)
        {
            errors.Add(new(nameof(d.Materials), $"相关材料不能超过 {MaterialsMax} 个字"));
        }
        if (d.ProviderTypes.IsDefaultOrEmpty)
        {
            errors.Add(new(nameof(d.ProviderTypes), "请至少选择一种承接主体"));
        }
        else if (d.ProviderTypes.Any(t => !Enum.IsDefined(t)))
        {
            errors.Add(new(nameof(d.ProviderTypes), "承接主体类型不正确"));
        }
        if (string.IsNullOrWhiteSpace(d.ServiceAreaCode) || !knownAreaCodes.Contains(d.ServiceAreaCode))
        {
            errors.Add(new(nameof(d.ServiceAreaCode), "请选择服务领域"));
        }
        if (d.ReferenceBudget.IsNegative || d.ReferenceBudget.IsZero)
        {
            errors.Add(new(nameof(d.ReferenceBudget), "参考预算必须大于 0"));
        }
        else if (d.ReferenceBudget.Yuan > Money.MaxAmount)
        {
            errors.Add(new(nameof(d.ReferenceBudget), "参考预算超出允许范围"));
        }
        if (!Enum.IsDefined(d.Nature))
        {
            errors.Add(new(nameof(d.Nature), "请选择事项性质"));
        }
        else if (NegativeList.Check(d.Nature, d.Title, d.Content, d.Requirements) is { } reason)
        {
            errors.Add(new(nameof(d.Nature), reason));
        }
        return errors.ToImmutable();
    }

    private static void Required(ImmutableArray<FieldError>.Builder errors, string field, string? value, string label, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, $"请填写{label}"));
        }
        else if (value.Length > max)
        {
            errors.Add(new(field, $"{label}不能超过 {max} 个字"));
        }
    }

    /// <summary>Trims the text fields so that "  养老服务 " and "养老服务" are the same item.</summary>
    public static TransferItemDraft Normalise(TransferItemDraft d) => d with
    {
        Title = d.Title?.Trim() ?? string.Empty,
        Content = d.Content?.Trim() ?? string.Empty,
        Requirements = d.Requirements?.Trim() ?? string.Empty,
        Materials = d.Materials?.Trim() ?? string.Empty,
        ServiceAreaCode = d.ServiceAreaCode?.Trim() ?? string.Empty,
        ProviderTypes = d.ProviderTypes.IsDefault ? [] : [.. d.ProviderTypes.Distinct().Order()],
    };
}
