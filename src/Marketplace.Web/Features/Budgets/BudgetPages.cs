using Marketplace.Budgets;
using Marketplace.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Web.Features.Budgets;

/// <summary>Small helpers the budget pages share.</summary>
public static class BudgetPages
{
    public static bool ValidYear(int year) => year is >= StreetBudgetKey.MinYear and <= StreetBudgetKey.MaxYear;

    /// <summary>Puts a grain's field errors next to the page's inputs (prefix "Input.").</summary>
    public static void AddErrors(ModelStateDictionary modelState, IEnumerable<FieldError> errors)
    {
        foreach (var e in errors)
        {
            modelState.AddModelError(e.Field.Length == 0 ? string.Empty : "Input." + e.Field, e.Message);
        }
    }
}
