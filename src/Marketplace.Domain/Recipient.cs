using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketplace.Domain;

/// <summary>
/// Who a notification is for: one organization, one user, the officials of one street, or every organization
/// of a district (a new notice, a single-source 公示 any of them may object to, 74号令 Art.40).
/// Stored and matched as its key ("org:{uscc}", "user:{name}", "street:{id}", "district-ngos:{id}"), the
/// format rows written before this type already hold.
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.Recipient")]
[JsonConverter(typeof(RecipientJsonConverter))]
public sealed record Recipient([property: Id(0)] string Key)
{
    public static Recipient Organization(string uscc) => new("org:" + uscc);

    public static Recipient User(string userName) => new("user:" + userName);

    public static Recipient Street(long streetId) => new("street:" + streetId.ToString(CultureInfo.InvariantCulture));

    public static Recipient DistrictOrganizations(long districtId) =>
        new("district-ngos:" + districtId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The key prefix of <see cref="DistrictOrganizations"/>, for queries that build the key in SQL.</summary>
    public const string DistrictOrganizationsPrefix = "district-ngos:";

    public override string ToString() => Key;
}

/// <summary>A recipient in a stored document is its key string, as before the type existed.</summary>
public sealed class RecipientJsonConverter : JsonConverter<Recipient>
{
    public override Recipient Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("A notification recipient is missing."));

    public override void Write(Utf8JsonWriter writer, Recipient value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Key);
}
