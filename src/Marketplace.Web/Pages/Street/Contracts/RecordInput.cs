using System.Collections.Immutable;
using System.Globalization;
using Marketplace.Budgets;
using Marketplace.Contracts;
using Marketplace.Domain;

namespace Marketplace.Web.Pages.Street.Contracts;

/// <summary>The 合同补录 form: a paper contract's record as typed; <see cref="ToRecord"/> only parses, the grain decides.</summary>
public sealed class RecordInput
{
    public static readonly FundingSource[] Sources = [.. FundingSources.All];

    public string? Title { get; set; }
    public string? PaperNumber { get; set; }
    public string? Uscc { get; set; }
    public string? ServiceAreaCode { get; set; }
    public string? Content { get; set; }
    public string? Deliverables { get; set; }
    public string? TermStart { get; set; }
    public string? TermEnd { get; set; }
    public string? LongTermReason { get; set; }
    public string? Amount { get; set; }
    public List<string?> Funding { get; set; } = [.. Sources.Select(_ => (string?)"")];

    /// <summary>Grain field → form field: the split's total is the contract amount, its lines the funding rows.</summary>
    public static readonly IReadOnlyDictionary<string, string> Renames = new Dictionary<string, string>(
        Sources.Select(s => KeyValuePair.Create(BudgetRules.FieldOf(s), nameof(Funding))))
    {
        [BudgetRules.TotalField] = nameof(Amount),
        [BudgetRules.SplitField] = nameof(Funding),
    };

    public Outcome<ContractRecord> ToRecord(long streetId, long districtId)
    {
        var errors = ImmutableArray.CreateBuilder<FieldError>();
        if (!MoneyFormat.TryParse(Amount, out var amount, out var amountError))
        {
            errors.Add(new(nameof(Amount), "合同金额：" + amountError));
        }
        var funding = ImmutableArray.CreateBuilder<SourceAmount>();
        for (var i = 0; i < Sources.Length; i++)
        {
            var text = i < Funding.Count ? Funding[i] : null;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            if (MoneyFormat.TryParse(text, out var share, out var error))
            {
                funding.Add(new SourceAmount(Sources[i], share));
            }
            else
            {
                errors.Add(new(nameof(Funding), Sources[i].Chinese() + "：" + error));
            }
        }
        var start = Day(TermStart, nameof(TermStart), "服务期限开始日期", errors);
        var end = Day(TermEnd, nameof(TermEnd), "服务期限截止日期", errors);
        if (errors.Count > 0)
        {
            return Outcome<ContractRecord>.Fail(errors.ToImmutable());
        }
        var terms = new ContractDraft(streetId, start, end, LongTermReason, [], []);
        return Outcome<ContractRecord>.Ok(new ContractRecord(streetId, districtId, Title ?? "", Content ?? "", Deliverables ?? "", Uscc ?? "",
            ServiceAreaCode ?? "", amount, funding.ToImmutable(), terms, PaperNumber ?? ""));
    }

    private static DateOnly Day(string? text, string field, string label, ImmutableArray<FieldError>.Builder errors)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors.Add(new(field, $"请填写{label}（年-月-日）"));
        return default;
    }
}
