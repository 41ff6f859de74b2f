using System.Collections.Immutable;

namespace Marketplace.Grid;

/// <summary>Whether a grid lies in a village (村, about 150 households) or an urban community (社区, about 300).</summary>
public enum CommunityKind
{
    Community = 1, // 社区
    Village = 2,   // 村
}

/// <summary>
/// One grid (网格) of a street: the unit one 网格长 and a team of 网格员 visit (庄市街道: 14 村(社区), 133 grids).
/// <see cref="LeaderUser"/> and <see cref="WorkerUsers"/> are the accounts (user names) of the 网格员 role who may
/// report matters for this grid.
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.GridUnit")]
public sealed record GridUnit(
    [property: Id(0)] int No,
    [property: Id(1)] string Name,
    [property: Id(2)] string Community,
    [property: Id(3)] CommunityKind Kind,
    [property: Id(4)] int Households,
    [property: Id(5)] string LeaderName,
    [property: Id(6)] string LeaderUser,
    [property: Id(7)] ImmutableArray<string> WorkerUsers)
{
    /// <summary>Whether the account is this grid's 网格长 or one of its 网格员.</summary>
    public bool IsWorker(string userName) => LeaderUser == userName || WorkerUsers.Contains(userName);
}

public static class CommunityKinds
{
    public static string Chinese(this CommunityKind kind) => kind == CommunityKind.Village ? "村" : "社区";

    public static CommunityKind? Parse(string? text) => text?.Trim() switch
    {
        "村" => CommunityKind.Village,
        "社区" => CommunityKind.Community,
        _ => null,
    };
}
