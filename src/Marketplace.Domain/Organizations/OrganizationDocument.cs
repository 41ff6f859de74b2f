namespace Marketplace.Organizations;

/// <summary>Kinds of qualification document an organization uploads.</summary>
public enum DocumentKind
{
    RegistrationCertificate = 1, // 登记证书
    Charter = 2,                 // 章程
    AnnualReport = 3,            // 年检/年报
    AuditReport = 4,             // 审计报告
    Other = 5,                   // 其他
}

public static class DocumentKindNames
{
    public static string Chinese(this DocumentKind kind) => kind switch
    {
        DocumentKind.RegistrationCertificate => "登记证书",
        DocumentKind.Charter => "章程",
        DocumentKind.AnnualReport => "年检/年报",
        DocumentKind.AuditReport => "审计报告",
        DocumentKind.Other => "其他",
        _ => kind.ToString(),
    };
}

/// <summary>
/// An uploaded document. The file lives in the data directory under <see cref="StoredName"/>, a name the
/// server generated; <see cref="OriginalName"/> is only ever shown, never used as a path.
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.OrganizationDocument")]
public sealed record OrganizationDocument(
    [property: Id(0)] Guid Id,
    [property: Id(1)] DocumentKind Kind,
    [property: Id(2)] string OriginalName,
    [property: Id(3)] string StoredName,
    [property: Id(4)] string ContentType,
    [property: Id(5)] long Size,
    [property: Id(6)] string UploadedBy,
    [property: Id(7)] DateTimeOffset UploadedAt);
