using System.Globalization;
using Marketplace.Domain;

namespace Marketplace.Web.Infrastructure.Pages;

/// <summary>
/// The one parser of form text: money (<see cref="MoneyFormat"/>), dates (yyyy-MM-dd, as
/// <c>&lt;input type="date"&gt;</c> posts them), whole numbers and choices of an enum. Each returns the value,
/// or null after adding a Chinese message for <paramref name="field"/> to <paramref name="errors"/>, which the
/// page hands to <see cref="OutcomeErrors.AddOutcome"/> (beside the field, else at the top).
/// </summary>
public static class FormParse
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <param name="label">Put before MoneyFormat's own message ("报价：金额格式不正确"), where the form has several amounts.</param>
    public static Money? Money(string? text, string field, ICollection<FieldError> errors, string? label = null)
    {
        if (MoneyFormat.TryParse(text, out var money, out var error))
        {
            return money;
        }
        errors.Add(new(field, label is null ? error : label + error));
        return null;
    }

    /// <summary>A calendar day; blank or any other shape is refused with <paramref name="message"/>.</summary>
    public static DateOnly? Date(string? text, string field, ICollection<FieldError> errors, string message)
    {
        if (DateOnly.TryParseExact((text ?? "").Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        errors.Add(new(field, message));
        return null;
    }

    /// <summary>A whole number 0…<paramref name="max"/> written with digits only (no sign, no grouping, no 全角 digits).</summary>
    public static int? Count(string? text, string field, ICollection<FieldError> errors, string message, int max = int.MaxValue)
    {
        if (int.TryParse((text ?? "").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= max)
        {
            return n;
        }
        errors.Add(new(field, message));
        return null;
    }

    /// <summary>
    /// Exactly one of <typeparamref name="TEnum"/>'s member names. Numbers ("3", "99") and combinations
    /// ("Fiscal,WelfareLottery", which Enum.TryParse ORs into another member) are refused: a form posts names,
    /// and a forged value must not pick one the page never offered.
    /// </summary>
    public static TEnum? Choice<TEnum>(string? text, string field, ICollection<FieldError> errors, string message)
        where TEnum : struct, Enum
    {
        var t = (text ?? "").Trim();
        if (Enum.GetNames<TEnum>().Contains(t, StringComparer.Ordinal))
        {
            return Enum.Parse<TEnum>(t);
        }
        errors.Add(new(field, message));
        return null;
    }
}
