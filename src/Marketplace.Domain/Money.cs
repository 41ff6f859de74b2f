using System.Text.Json.Serialization;

namespace Marketplace.Domain;

/// <summary>
/// An exact amount of Chinese yuan (CNY) to the fen. Backed by <see cref="decimal"/>; no binary floating
/// point ever touches money. Arithmetic that could produce fractions of a fen (multiplying by a rate)
/// rounds half away from zero (四舍五入), as Chinese financial documents do (docs/decisions/0004-money-rounding.md).
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.Money")]
public readonly record struct Money : IComparable<Money>
{
    /// <summary>1,000,000,000,000 yuan: far above any street budget; anything larger is a typing error.</summary>
    public static readonly decimal MaxAmount = 1_000_000_000_000m;

    public static readonly Money Zero = new(0m);

    [Id(0)] public decimal Yuan { get; }

    // [JsonConstructor]: a struct always has a parameterless constructor, which System.Text.Json would
    // otherwise pick, silently reading every stored amount back as zero (Yuan has no setter).
    [JsonConstructor]
    public Money(decimal yuan)
    {
        if (decimal.Round(yuan, 2) != yuan)
        {
            throw new ArgumentException($"金额最多两位小数：{yuan}", nameof(yuan));
        }
        Yuan = decimal.Round(yuan, 2) + 0.00m; // normalise the scale so 2 and 2.000 compare and print alike
    }

    public static Money FromYuan(decimal yuan) => new(yuan);

    /// <summary>Fen (分) as a whole number: how amounts are stored in the database, exact and summable in SQL.</summary>
    [JsonIgnore] public long Fen => (long)(Yuan * 100m);

    public static Money FromFen(long fen) => new(fen / 100m);

    /// <summary>Rounds a computed amount to the fen, half away from zero (四舍五入).</summary>
    public static Money Round(decimal yuan) => new(decimal.Round(yuan, 2, MidpointRounding.AwayFromZero));

    [JsonIgnore] public bool IsNegative => Yuan < 0m;
    [JsonIgnore] public bool IsZero => Yuan == 0m;

    public static Money operator +(Money a, Money b) => new(a.Yuan + b.Yuan);
    public static Money operator -(Money a, Money b) => new(a.Yuan - b.Yuan);
    public static Money operator -(Money a) => new(-a.Yuan);
    public static bool operator <(Money a, Money b) => a.Yuan < b.Yuan;
    public static bool operator >(Money a, Money b) => a.Yuan > b.Yuan;
    public static bool operator <=(Money a, Money b) => a.Yuan <= b.Yuan;
    public static bool operator >=(Money a, Money b) => a.Yuan >= b.Yuan;

    /// <summary>Share of this amount at a percentage, rounded to the fen (e.g. a 30% tranche).</summary>
    public Money Percent(decimal percent) => Round(Yuan * percent / 100m);

    public int CompareTo(Money other) => Yuan.CompareTo(other.Yuan);

    public static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Zero, (a, b) => a + b);

    /// <summary>¥2,000,000.00</summary>
    public override string ToString() => MoneyFormat.Yuan(this);
}
