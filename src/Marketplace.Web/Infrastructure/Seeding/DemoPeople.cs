namespace Marketplace.Web.Infrastructure.Seeding;

/// <summary>
/// Who the demo data says entered, confirmed and reviewed it: the demo account of that street or district
/// when seed/demo-users.json has one (e.g. "东山街道 李晓梅"), otherwise a plausible office and person of that
/// street, the same on every run. Pages show these where they show who acted (操作人, 更新).
/// </summary>
internal static class DemoPeople
{
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "朱", "马", "胡", "郭"];
    private static readonly string[] GivenNames = ["丽华", "建军", "晓燕", "志强", "静", "海峰", "秀兰", "伟", "红梅", "立新", "婷", "国庆"];

    private static readonly Lazy<IReadOnlyList<DemoUserSeed>> Users = new(() => SeedFiles.Read<DemoUserSeed>("demo-users.json"));

    /// <summary>The street official of a street (社会事务办 of the 街道办事处).</summary>
    public static string StreetOfficial(string district, string street) =>
        Users.Value.FirstOrDefault(u => u.Role == "StreetOfficial" && u.District == district && u.Street == street)?.DisplayName
        ?? $"{street}社会事务办 {Person(district + street)}";

    /// <summary>The district admin (区民政局) who confirms budgets and reviews organizations.</summary>
    public static string DistrictAdmin(string district) =>
        Users.Value.FirstOrDefault(u => u.Role == "DistrictAdmin" && u.District == district)?.DisplayName
        ?? $"{district}民政局 {Person(district)}";

    // A stable choice (string.GetHashCode is randomised per process).
    private static string Person(string key)
    {
        var h = key.Aggregate(17u, (acc, c) => unchecked(acc * 31 + c));
        return Surnames[h % (uint)Surnames.Length] + GivenNames[h / 7 % (uint)GivenNames.Length];
    }
}
