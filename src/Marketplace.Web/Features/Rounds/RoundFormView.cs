namespace Marketplace.Web.Features.Rounds;

/// <summary>
/// What the shared round form (Pages/Shared/Rounds/_RoundForm) renders: the input, the district's streets for a district
/// round's share lines (null for a street's round), and where it posts (create on the list, edit on a draft's page).
/// </summary>
public sealed record RoundFormView(RoundInput Input, IReadOnlyDictionary<long, string>? Streets, string Handler, Guid? RoundId, int? Version, string Button);
