using System.Text.RegularExpressions;

using Xunit.Abstractions;

namespace Marketplace.Tests.Integration.Security;

/// <summary>
/// Tenancy in one place (issue 10, ADR 0008): the sign-in claims are read in Infrastructure/Identity only,
/// where <c>CurrentTenant</c> resolves the user's street, district and organization. A page, endpoint or
/// service that reads a claim itself would keep its own copy of the tenant rule and its own answer to
/// another tenant's id; this scan of the source fails on the first such line.
/// </summary>
public sealed partial class TenantClaimsReadOnlyHereTests(ITestOutputHelper output)
{
    // The claim readers of TenantClaims, ClaimsPrincipal's own, and the rule table that takes a principal.
    [GeneratedRegex(@"\.(DistrictOf|StreetOf|OrganizationOf|UsccOf|NameOf)\(\)|\bFindFirst(Value)?\(|\bTenantRules\.|(?<!System\.Security)\.Claims\b")]
    private static partial Regex ClaimRead();

    /// <summary>
    /// Where reading claims is the job: the tenant itself, and the cookie check that validates the session
    /// stamp before any tenant exists (it reads the principal it is asked to accept, not the request's user).
    /// </summary>
    private static readonly string[] Allowed =
    [
        "src/Marketplace.Web/Infrastructure/Identity/",
        "src/Marketplace.Web/Infrastructure/Security/SessionRevocation.cs",
    ];

    [Fact]
    public void No_file_outside_Identity_reads_the_sign_in_claims()
    {
        var root = RepositoryRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count > 100, $"the scan found only {files.Count} source files under {root}/src");
        // The pattern itself: the reads this issue removed would be caught again.
        Assert.All(["if (User.StreetOf() is not { } streetId)", "user.FindFirstValue(ClaimTypes.NameIdentifier)",
            "TenantRules.CanManageDistrict(User, d)", "@User.NameOf()"], line => Assert.Matches(ClaimRead(), line));
        var reads = new List<string>();
        foreach (var file in files.Where(f => !Allowed.Any(a => f.StartsWith(a, StringComparison.Ordinal))))
        {
            var lines = File.ReadAllLines(Path.Combine(root, file));
            for (var n = 0; n < lines.Length; n++)
            {
                if (ClaimRead().IsMatch(lines[n]))
                {
                    reads.Add($"{file}:{n + 1}: {lines[n].Trim()}");
                }
            }
        }
        output.WriteLine($"scanned {files.Count} files; claim reads outside Identity: {reads.Count}");
        Assert.True(reads.Count == 0, "Read the tenant from CurrentTenant, not from claims:\n" + string.Join("\n", reads));
    }

    /// <summary>
    /// The folder conventions in Program.cs are the only role gate for /Street, /District, /Ngo, /Evaluator and
    /// /Grid (issue 10 item 4): a page there that names its role again could drift from the folder's.
    /// </summary>
    [Fact]
    public void Pages_under_a_role_folder_name_no_role_of_their_own()
    {
        var pages = Path.Combine(RepositoryRoot(), "src", "Marketplace.Web", "Pages");
        var repeated = new[] { "Street", "District", "Ngo", "Evaluator", "Grid" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(pages, folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => File.ReadAllText(f).Contains("[Authorize(Roles", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(pages, f))
            .ToList();
        Assert.True(repeated.Count == 0, "The folder convention gates these pages already:\n" + string.Join("\n", repeated));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Marketplace.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Marketplace.sln not found above " + AppContext.BaseDirectory);
    }
}
