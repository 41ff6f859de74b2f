namespace Marketplace.Budgets;

/// <summary>Where the budget grain reads its district's policy (the web host reads it from the database).</summary>
public interface IBudgetPolicySource
{
    /// <summary>The policy of the district the street belongs to, or null when the street does not exist.</summary>
    Task<BudgetPolicy?> ForStreetAsync(long streetId);
}
