using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Contracts;

/// <summary>
/// A district's defaults for new contracts (合同管理设置): the tranche schedule, the evaluation sources'
/// weights and indicator sheets, the 整改 period and how many days before a report's due date the
/// organization is reminded. A contract copies them when it is drafted; later changes do not touch it.
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.ContractSettings")]
public sealed record ContractSettings(
    [property: Id(0)] ImmutableArray<TranchePlan> Schedule,
    [property: Id(1)] ImmutableArray<SourceSheet> Sheets,
    [property: Id(2)] int RectificationDays,
    [property: Id(3)] int ReminderDays)
{
    public const int DefaultRectificationDays = 30;
    public const int DefaultReminderDays = 7;
    public const int MaxRectificationDays = 180;
    public const int MaxReminderDays = 30;

    /// <summary>50/30/20, 自评 10 / 互评 10 / 群众评 30 / 第三方评 50, 整改 30 days, reminded 7 days ahead.</summary>
    public static ContractSettings Default { get; } =
        new(PaymentSchedule.Default, EvaluationScoring.Default, DefaultRectificationDays, DefaultReminderDays);

    /// <summary>Schedule and sheets by their own rules; every source once; 整改 1–180 days; reminder 1–30 days ahead.</summary>
    public ImmutableArray<FieldError> Validate()
    {
        var errors = PaymentSchedule.Validate(Schedule.IsDefault ? [] : Schedule)
            .AddRange(EvaluationScoring.ValidateSheets(Sheets.IsDefault ? [] : Sheets));
        if (!Sheets.IsDefault && Enum.GetValues<EvaluationSource>().Any(s => Sheets.All(x => x.Source != s)))
        {
            errors = errors.Add(new("Sheets", "自评、互评、群众评、第三方评都要设置权重和指标"));
        }
        if (RectificationDays is < 1 or > MaxRectificationDays)
        {
            errors = errors.Add(new(nameof(RectificationDays), $"整改期限应为1至{MaxRectificationDays}天"));
        }
        if (ReminderDays is < 1 or > MaxReminderDays)
        {
            errors = errors.Add(new(nameof(ReminderDays), $"提醒提前天数应为1至{MaxReminderDays}天"));
        }
        return errors;
    }
}
