namespace Marketplace.Web.Infrastructure.Identity;

/// <summary>The roles of SPEC §2. Names are stable identifiers; <see cref="Chinese"/> is what users read.</summary>
public static class Roles
{
    public const string DistrictAdmin = "DistrictAdmin";   // 区管理员
    public const string StreetOfficial = "StreetOfficial"; // 街道干部
    public const string Ngo = "Ngo";                       // 社会组织
    public const string Evaluator = "Evaluator";           // 评审专家 / 评估机构
    /// <summary>网格员 / 网格长: visits a grid of one street and reports residents' matters.</summary>
    public const string GridWorker = "GridWorker";
    /// <summary>运维人员: runs the platform (Hangfire dashboard); belongs to no district and sees no tenant's pages.</summary>
    public const string Operator = "Operator";

    public static IReadOnlyList<string> All { get; } = [DistrictAdmin, StreetOfficial, Ngo, Evaluator, Operator, GridWorker];

    public static string Chinese(string role) => role switch
    {
        DistrictAdmin => "区管理员",
        StreetOfficial => "街道干部",
        Ngo => "社会组织",
        Evaluator => "评审专家",
        Operator => "运维人员",
        GridWorker => "网格员",
        _ => role,
    };
}
