using System.Collections.Immutable;

namespace Marketplace.Tendering;

/// <summary>An expert of a district's pool (评审专家库).</summary>
[GenerateSerializer, Immutable, Alias("marketplace.Expert")]
public sealed record Expert(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Field,
    [property: Id(3)] string Employer,
    [property: Id(4)] string? EmployerUscc,          // to detect employer = applicant
    [property: Id(5)] string? UserName,              // the 评审专家 account the expert signs in with
    [property: Id(6)] long? OfficialOfStreetId,      // set when the expert is a street official
    [property: Id(7)] ImmutableArray<string> TiedUsccs, // board roles, employment within 3 years, family ties
    [property: Id(8)] bool Active);

/// <summary>
/// Random panel draw (财库〔2016〕198号). The whole pool is shuffled with a recorded seed, so anyone can
/// repeat the draw; members are taken in that order, skipping those who may not sit, and a recused
/// member is replaced by the next one in the same order.
/// </summary>
public static class PanelDraw
{
    public const string NoAccount = "无评审专家账号";

    /// <summary>Why an expert may not sit on this tender's panel, or null.</summary>
    public static string? Exclusion(Expert e, string field, long buyingStreetId, IReadOnlyCollection<string> applicantUsccs)
    {
        if (!e.Active)
        {
            return "已停用";
        }
        if (string.IsNullOrWhiteSpace(e.UserName))
        {
            return NoAccount; // cannot sign in to declare or score, so the panel could never finish
        }
        if (!string.Equals(e.Field, field, StringComparison.Ordinal))
        {
            return "专业领域不符";
        }
        if (e.OfficialOfStreetId == buyingStreetId)
        {
            return "采购街道工作人员"; // 87号令 Art.48: the purchaser's own staff may not be experts
        }
        if (e.EmployerUscc is { } employer && applicantUsccs.Contains(employer))
        {
            return "任职于申请单位";
        }
        if (e.TiedUsccs.Any(applicantUsccs.Contains))
        {
            return "与申请单位存在利害关系";
        }
        return null;
    }

    /// <summary>The pool in draw order for <paramref name="seed"/>: the same seed and pool give the same order.</summary>
    public static ImmutableArray<Guid> Order(IEnumerable<Expert> pool, ulong seed)
    {
        // Sorted by id first so the order never depends on how the pool happened to be stored.
        var ids = pool.Select(e => e.Id).Order().ToArray();
        var rng = new SplitMix64(seed);
        for (var i = ids.Length - 1; i > 0; i--) // Fisher–Yates
        {
            var j = (int)(rng.Next() % (ulong)(i + 1));
            (ids[i], ids[j]) = (ids[j], ids[i]);
        }
        return [.. ids];
    }

    /// <summary>The first <paramref name="size"/> experts in draw order who may sit, skipping <paramref name="excluded"/>.</summary>
    public static ImmutableArray<Guid> Take(
        ImmutableArray<Guid> order, IReadOnlyDictionary<Guid, Expert> pool, int size, Func<Expert, bool> maySit) =>
        [.. order.Where(id => pool.TryGetValue(id, out var e) && maySit(e)).Take(size)];

    /// <summary>SplitMix64: tiny, fast and fully specified, so a recorded seed replays on any runtime.</summary>
    private struct SplitMix64(ulong state)
    {
        public ulong Next()
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
