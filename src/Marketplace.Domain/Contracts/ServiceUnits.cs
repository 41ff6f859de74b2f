using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Contracts;

/// <summary>A unit the purchase is priced by (e.g. ¥300 per 个案, ¥4,000 per activity of ≥ 200 people) and the contracted quantity.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.ServiceUnit")]
public sealed record ServiceUnit(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] Money UnitPrice,
    [property: Id(3)] int ContractedQuantity);

/// <summary>服务完成度: delivered units reconciled against contracted ones.</summary>
public static class ServiceCompletion
{
    /// <summary>
    /// Percent of the contracted value delivered (each unit counted up to its contracted quantity, so
    /// over-delivery of one unit cannot hide under-delivery of another), to two decimals; null without units.
    /// </summary>
    public static decimal? Percent(IReadOnlyList<ServiceUnit> units, IReadOnlyDictionary<string, int> delivered)
    {
        var contracted = units.Sum(u => u.UnitPrice.Yuan * u.ContractedQuantity);
        if (units.Count == 0 || contracted <= 0m)
        {
            return null;
        }
        var done = units.Sum(u => u.UnitPrice.Yuan * Math.Min(u.ContractedQuantity, delivered.GetValueOrDefault(u.Code)));
        return decimal.Round(done * 100m / contracted, 2, MidpointRounding.AwayFromZero);
    }

    public static ImmutableArray<FieldError> Validate(IReadOnlyList<ServiceUnit> units)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        for (var i = 0; i < units.Count; i++)
        {
            var u = units[i];
            if (string.IsNullOrWhiteSpace(u.Code) || string.IsNullOrWhiteSpace(u.Name) || u.Name.Length > 100)
            {
                errors.Add(new($"Units[{i}]", "请填写服务单元名称（不超过100个字）"));
            }
            if (u.UnitPrice <= Money.Zero || u.ContractedQuantity <= 0)
            {
                errors.Add(new($"Units[{i}]", "服务单元的单价和合同数量应大于0"));
            }
        }
        if (units.Select(u => u.Code).Distinct().Count() != units.Count)
        {
            errors.Add(new("Units", "服务单元不能重复"));
        }
        return errors.ToImmutable();
    }
}
