using Marketplace.Budgets;

namespace Marketplace.Web.Features.Budgets;

/// <summary>Small helpers the budget pages share.</summary>
public static class BudgetPages
{
    public static bool ValidYear(int year) => year is >= StreetBudgetKey.MinYear and <= StreetBudgetKey.MaxYear;
}
