using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.RegularExpressions;
using Marketplace.Tests.Integration.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Marketplace.Tests.Integration.Security;

/// <summary>
/// Issue 16 item 6: every form the app shows and every query parameter of its endpoints, fed a corpus of bad
/// input. Pages are found by walking the site as anonymous and each role (the start pages are
/// <see cref="RouteAccessTable"/>'s, then the links each page shows), forms read from the markup, and each field
/// posted with corpus values while the others keep what the page filled in. Asserted: no 5xx; an echoed script is
/// encoded; a refused post (anything but a redirect) leaves every table as it was; a re-rendered page speaks no
/// English model-binding text; an endpoint's refusal is application/problem+json.
/// </summary>
public abstract partial class BadInputCorpusTests(AppFixture app, ITestOutputHelper output)
{
    private MarketplaceAppFactory Factory => app.Require();

    private const string Script = "<script>alert('corpus')</script>";
    private const string Attribute = "\"><img src=x onerror=alert('corpus')>";

    /// <summary>The text corpus, each with a short label for the report.</summary>
    private static readonly (string Label, string Value)[] Corpus =
    [
        ("empty", ""), ("whitespace", "  \t "), ("10 kB", "坏" + new string('x', 10_240)), ("control", "a\u0000b\u0001\u0007\u001b\u007f\r\n"),
        ("emoji/CJK", "👩‍👩‍👧𠀀𪚥"), ("script", Script), ("attribute", Attribute), ("sql", "' OR 1=1; DROP TABLE \"Organizations\"; --"),
        ("-1", "-1"), ("0", "0"), ("1e309", "1e309"), ("NaN", "NaN"), ("2 decimals", "12.34"), ("3 decimals", "12.345"),
        ("overflow", "99999999999999999999999999999999"), ("long overflow", "-9223372036854775809"), ("2026-02-30", "2026-02-30"),
        ("2026-02-30T25:61", "2026-02-30T25:61"), ("traversal", "../../../etc/passwd"), ("fullwidth", "１２３．４５"),
    ];

    /// <summary>Fields where every corpus value is tried (money, dates, numbers); others get a rotating few and always the script.</summary>
    [GeneratedRegex("(Amount|Price|Ceiling|Funding|Budget|Weight|Count|Score|Year|Date|On$|At$|Start|End|Deadline|Page|Workers|Share|Total|Limit|Cap|Pool|Version|Id$|Days|Hours|Percent|Grade|Tranche|Money|Fee|Rate)",
        RegexOptions.IgnoreCase)]
    private static partial Regex NumericName();

    /// <summary>English text ASP.NET Core's model binding and validation write when a page leaves them through.</summary>
    [GeneratedRegex(@"(is not valid|is invalid|The value '|field is required|must be a number|The field \w)")]
    private static partial Regex EnglishBinderText();

    /// <summary>Tables a background part of the app writes on its own clock, not because of a post.</summary>
    private static readonly HashSet<string> Unrelated = new(StringComparer.Ordinal)
    {
        "ReportRuns",    // a report run started earlier (生成全部 on /District/Reports) writes its progress while it renders
        "ScheduledWork", // timed work (ADR 0011) is marked done by the dispatcher when it comes due, on its own clock
    };

    private sealed record Principal(string Name, string? Role, Access[] Opens);

    private static readonly Principal[] Principals =
    [
        new("anonymous", null, [Access.Public]),
        new("admin.jiangning", "District", [Access.District, Access.StreetOrDistrict, Access.SignedIn]),
        new("dongshan", "Street", [Access.Street, Access.StreetOrDistrict]),
        new("ngo.lejia", "Ngo", [Access.Ngo]),
        new("expert.zhao", "Evaluator", [Access.Evaluator]),
        new("wangge.qinyong", "GridWorker", [Access.GridWorker]),
    ];

    /// <summary>Links not walked: they end the session, are files rather than pages, or are operators' tools.</summary>
    [GeneratedRegex(@"(logout|/hangfire|/openapi|/api/|/feeds/|/reports/|/organizations/documents|/tender-attachments|/grid/photo|/errors|\.(pdf|xlsx|json|atom|zip|csv|png|jpe?g)($|\?)|handler=)", RegexOptions.IgnoreCase)]
    private static partial Regex NotWalked();

    private sealed class Tally
    {
        public int Pages, Forms, Fields, Entries, ServerErrors, Refused, Compared;
        public readonly List<string> Failures = [];

        public void Fail(string what)
        {
            if (Failures.Count < 5_000)
            {
                Failures.Add(what);
            }
        }
    }

    [SkippableFact]
    public async Task Every_form_field_and_query_parameter_survives_the_corpus()
    {
        var clock = Stopwatch.StartNew();
        var tally = new Tally();
        await using var fingerprint = await DatabaseFingerprint.OpenAsync(Factory.Database);
        var seenShapes = new HashSet<string>(StringComparer.Ordinal);
        var seenForms = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await WalkAsync(tally, fingerprint, seenShapes, seenForms);
            await FuzzEndpointsAsync(tally);
        }
        finally
        {
            output.WriteLine($"bad-input corpus on {app.Target}: {tally.Pages} pages walked, {tally.Forms} forms, {tally.Fields} fields, "
                + $"{tally.Entries} entries tried, {tally.ServerErrors} answered 5xx, "
                + $"{tally.Refused} posts refused ({tally.Compared} of them followed by a commit somewhere and compared table by table), {tally.Failures.Count} failures, {clock.Elapsed.TotalSeconds:F0} s");
            // One line per field and kind of failure (the first value that showed it), then the count.
            foreach (var group in tally.Failures.GroupBy(f => FailureKind().Replace(f, "")).Take(80))
            {
                output.WriteLine($"  {group.First()}{(group.Count() > 1 ? $" (and {group.Count() - 1} more values)" : "")}");
            }
        }
        Assert.True(tally.Forms > 20, $"only {tally.Forms} forms found");
        Assert.True(tally.Failures.Count == 0, string.Join("\n", tally.Failures.GroupBy(f => FailureKind().Replace(f, "")).Select(g => g.First()).Take(60)));
    }

    private async Task WalkAsync(Tally tally, DatabaseFingerprint fingerprint, HashSet<string> seenShapes, HashSet<string> seenForms)
    {
        foreach (var principal in Principals)
        {
            using var session = principal.Role is null ? new AppSession(Factory) : await AppSession.LoginAsync(Factory, principal.Name);
            var queue = new Queue<string>(RouteAccessTable.Declared.Where(r => principal.Opens.Contains(r.Value) && !r.Key.Contains('{'))
                .Select(r => r.Key).Where(k => !NotWalked().IsMatch(k)).Order(StringComparer.Ordinal));
            while (queue.TryDequeue(out var url))
            {
                if (!seenShapes.Add(Shape(url)) || tally.Pages >= 400)
                {
                    continue;
                }
                var response = await session.GetAsync(url);
                if ((int)response.StatusCode >= 500)
                {
                    tally.ServerErrors++;
                    tally.Fail($"{principal.Name} GET {url}: {(int)response.StatusCode}");
                    continue;
                }
                if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    continue;
                }
                tally.Pages++;
                var html = await response.Content.ReadAsStringAsync();
                foreach (var link in HtmlForms.Links(html).Where(l => !NotWalked().IsMatch(l)))
                {
                    queue.Enqueue(link);
                }
                var token = TokenOf(html);
                foreach (var form in HtmlForms.Parse(html, url))
                {
                    if (form.Targets.Any(t => t.Action.Contains("logout", StringComparison.OrdinalIgnoreCase))
                        || !seenForms.Add(form.Method + " " + string.Join(" ", form.Targets.Select(t => Shape(t.Action) + t.Button)) + " " + string.Join(",", form.Fields.Select(f => f.Name).Distinct().Order(StringComparer.Ordinal))))
                    {
                        continue;
                    }
                    tally.Forms++;
                    await FuzzFormAsync(session, principal, form, token, fingerprint, tally);
                }
            }
        }
    }

    private async Task FuzzFormAsync(AppSession session, Principal principal, HtmlForm form, string? token, DatabaseFingerprint fingerprint, Tally tally)
    {
        var names = form.Fields.Select(f => f.Name).Where(n => n != "__RequestVerificationToken").Distinct().ToList();
        foreach (var (target, button) in form.Targets)
        {
            foreach (var (name, index) in names.Select((n, i) => (n, i)))
            {
                tally.Fields++;
                var field = form.Fields.First(f => f.Name == name);
                foreach (var (label, value) in ValuesFor(field, index))
                {
                    var fields = form.Defaults().Where(f => f.Key != name && f.Key != "__RequestVerificationToken").ToList();
                    if (field.Type != "file")
                    {
                        fields.Add(new(name, value));
                    }
                    if (button is { } b)
                    {
                        fields.Add(b);
                    }
                    var what = $"{principal.Name} {form.Method} {target} {name}={label}";
                    await SendFormAsync(session, form, target, fields, token, field.Type == "file" ? name : null, label, what, fingerprint, tally);
                }
            }
        }
    }

    /// <summary>Corpus entries tried on every field, beside the rotating ones.</summary>
    protected virtual string[] AlwaysTried => ["script"];

    /// <summary>Whether money, date and number fields get every corpus entry (the SQLite run) or the rotating few.</summary>
    protected virtual bool EveryValueForNumbers => true;

    protected virtual int RotatingPerField => 3;

    private IEnumerable<(string Label, string Value)> ValuesFor(FormField field, int index)
    {
        if (field.Type == "file")
        {
            return Files.Select(f => (f.Label, ""));
        }
        if (EveryValueForNumbers && (field.Type is "number" or "date" or "datetime-local" or "month" or "time" || NumericName().IsMatch(field.Name)))
        {
            return Corpus;
        }
        return Enumerable.Range(0, RotatingPerField).Select(k => Corpus[(index * RotatingPerField + k) % Corpus.Length])
            .Where(c => !AlwaysTried.Contains(c.Label)).Concat(Corpus.Where(c => AlwaysTried.Contains(c.Label)));
    }

    /// <summary>The file corpus: traversal names, a program named .pdf, an empty file, a spreadsheet with formula cells.</summary>
    private static readonly (string Label, string FileName, byte[] Content)[] Files =
    [
        ("traversal name", "../../../etc/passwd.pdf", Organizations.OrganizationForms.Pdf),
        ("backslash traversal", "..\\..\\appsettings.pdf", Organizations.OrganizationForms.Pdf),
        (".exe as .pdf", "营业执照.pdf", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF]),
        ("empty file", "空.pdf", []),
        ("formula cells", "导入.xlsx", FormulaWorkbook()),
        ("script name", "<script>alert('corpus')</script>.pdf", Organizations.OrganizationForms.Pdf),
    ];

    private async Task SendFormAsync(AppSession session, HtmlForm form, string target, List<KeyValuePair<string, string>> fields, string? token,
        string? fileField, string label, string what, DatabaseFingerprint fingerprint, Tally tally)
    {
        tally.Entries++;
        HttpResponseMessage response;
        if (form.Method == "GET")
        {
            var query = string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
            try
            {
                response = await session.GetAsync(target.Split('?')[0] + "?" + query);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
            {
                tally.ServerErrors++;
                tally.Fail($"{what}: the request failed in the host ({e.GetType().Name}: {e.Message})");
                return;
            }
            await CheckResponseAsync(response, what, tally, refusedPost: false);
            return;
        }
        var before = await BaselineAsync(fingerprint);
        HttpContent content;
        var all = token is null ? fields : [.. fields, new("__RequestVerificationToken", token)];
        if (form.Multipart)
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (k, v) in all)
            {
                multipart.Add(new StringContent(v), k);
            }
            foreach (var file in form.Fields.Where(f => f.Type == "file").Select(f => f.Name).Distinct())
            {
                var (fileName, bytes) = file == fileField ? Files.Where(f => f.Label == label).Select(f => (f.FileName, f.Content)).Single()
                    : ("材料.pdf", Organizations.OrganizationForms.Pdf);
                var part = new ByteArrayContent(bytes);
                part.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/pdf");
                multipart.Add(part, file, fileName);
            }
            content = multipart;
        }
        else
        {
            content = new FormUrlEncodedContent(all);
        }
        try
        {
            response = await session.Http.PostAsync(target, content);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
        {
            tally.ServerErrors++;
            tally.Fail($"{what}: the request failed in the host ({e.GetType().Name}: {e.Message})");
            _baseline = null;
            return;
        }
        var redirected = (int)response.StatusCode is 301 or 302 or 303 or 307 or 308;
        await CheckResponseAsync(response, what, tally, refusedPost: !redirected);
        tally.Refused += redirected ? 0 : 1;
        if (!redirected && before is not null && !await fingerprint.UnchangedSinceLastAsync())
        {
            tally.Compared++;
            var after = await fingerprint.TakeAsync();
            var changed = DatabaseFingerprint.Changed(before, after).Where(t => !Unrelated.Contains(t)).ToList();
            if (changed.Count > 0)
            {
                tally.Fail($"{what}: refused ({(int)response.StatusCode}) but wrote {string.Join(", ", changed)}");
            }
            _baseline = after;
        }
        else if (redirected)
        {
            _baseline = null;
        }
    }

    private Dictionary<string, (long Rows, long Hash)>? _baseline;

    /// <summary>The database as it stands before a post (SQLite: re-read only when something committed since).</summary>
    private async Task<Dictionary<string, (long Rows, long Hash)>> BaselineAsync(DatabaseFingerprint fingerprint)
    {
        if (_baseline is null || !await fingerprint.UnchangedSinceLastAsync())
        {
            _baseline = await fingerprint.TakeAsync();
            await fingerprint.UnchangedSinceLastAsync();
        }
        return _baseline;
    }

    private static async Task CheckResponseAsync(HttpResponseMessage response, string what, Tally tally, bool refusedPost)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            tally.ServerErrors++;
            tally.Fail($"{what}: {status}");
            return;
        }
        var type = response.Content.Headers.ContentType?.MediaType;
        if (type != "text/html")
        {
            return;
        }
        var html = await response.Content.ReadAsStringAsync();
        if (html.Contains("<script>alert('corpus')", StringComparison.OrdinalIgnoreCase) || html.Contains("<img src=x onerror=alert('corpus')>", StringComparison.OrdinalIgnoreCase))
        {
            tally.Fail($"{what}: script echoed unescaped");
        }
        // What a person reads: text between tags (validation attributes for scripts the site does not load are not shown).
        if (refusedPost && EnglishBinderText().Match(Tag().Replace(html, " ")) is { Success: true } english)
        {
            tally.Fail($"{what}: English message \"{english.Value}\"");
        }
    }

    /// <summary>Each GET endpoint that is not a page: every query and route parameter × every corpus value.</summary>
    private async Task FuzzEndpointsAsync(Tally tally)
    {
        using var session = new AppSession(Factory);
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<MethodInfo>() is not null && e.RoutePattern.RawText is { } raw && !NotWalkedEndpoint().IsMatch(raw)).ToList();
        foreach (var endpoint in endpoints)
        {
            var raw = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var parameters = endpoint.Metadata.GetMetadata<MethodInfo>()!.GetParameters()
                .Where(p => IsSimple(p.ParameterType) && p.Name is not null).Select(p => p.Name!).ToList();
            foreach (var parameter in parameters)
            {
                tally.Fields++;
                // A NUL in a path is refused by Kestrel with 400 before the app sees it; the test host throws instead.
                foreach (var (label, value) in Corpus.Where(c => !routeNames.Contains(parameter) || !c.Value.Contains('\0', StringComparison.Ordinal)))
                {
                    var url = routeNames.Contains(parameter) ? Fill(raw, parameter, Uri.EscapeDataString(value))
                        : Fill(raw, null, "") + "?" + parameter + "=" + Uri.EscapeDataString(value);
                    tally.Entries++;
                    var response = await session.GetAsync(url);
                    var status = (int)response.StatusCode;
                    var what = $"anonymous GET {raw} {parameter}={label}";
                    if (status >= 500)
                    {
                        tally.ServerErrors++;
                        tally.Fail($"{what}: {status}");
                    }
                    else if (status >= 400 && raw.StartsWith("/api/", StringComparison.Ordinal) && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        tally.Fail($"{what}: {status} as {response.Content.Headers.ContentType?.MediaType ?? "no type"}, not application/problem+json");
                    }
                }
            }
        }
    }

    /// <summary>The route with <paramref name="parameter"/> set to <paramref name="value"/> and the others to plausible values.</summary>
    private static string Fill(string raw, string? parameter, string value) => RouteValue().Replace(raw, m => m.Groups[1].Value switch
    {
        var n when n.Equals(parameter, StringComparison.OrdinalIgnoreCase) => value,
        var n when n.StartsWith("year", StringComparison.Ordinal) => "2026",
        _ when m.Value.Contains(":guid", StringComparison.Ordinal) => Guid.Empty.ToString(),
        _ => "1",
    });

    private static bool IsSimple(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t == typeof(string) || t.IsPrimitive || t == typeof(decimal) || t == typeof(Guid) || t == typeof(DateOnly) || t == typeof(DateTime) || t.IsEnum;
    }

    /// <summary>The corpus label and the quoted detail of a failure line, so lines of one field and kind group together.</summary>
    [GeneratedRegex(@"=[^=:]*:|""[^""]*""|\(\d+\)")]
    private static partial Regex FailureKind();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\{([^}:]+)[^}]*\}")]
    private static partial Regex RouteValue();

    [GeneratedRegex(@"^/?(hangfire|openapi|healthz)", RegexOptions.IgnoreCase)]
    private static partial Regex NotWalkedEndpoint();

    /// <summary>A link's shape: ids, numbers and codes replaced, query values dropped — one page of each shape is walked.</summary>
    private static string Shape(string url)
    {
        var parts = url.Split('?', 2);
        var path = string.Join("/", parts[0].ToLowerInvariant().Split('/').Select(s =>
            Guid.TryParse(s, out _) ? "{g}" : s.Length > 0 && s.All(char.IsAsciiDigit) ? "{n}" : s.Length == 18 && s.All(char.IsAsciiLetterOrDigit) ? "{u}" : s))
            .TrimEnd('/');
        path = path.EndsWith("/index", StringComparison.Ordinal) ? path[..^6] : path;
        var query = parts.Length > 1 ? string.Join("&", parts[1].Split('&').Select(p => p.Split('=')[0].ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal)) : "";
        return path + "?" + query;
    }

    private static string? TokenOf(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>The directory import's columns with a row of formula cells (=HYPERLINK, =cmd|…), as a workbook a person might be sent.</summary>
    private static byte[] FormulaWorkbook()
    {
        var stream = new MemoryStream();
        var columns = Marketplace.Web.Features.Organizations.DirectoryWorkbook.ImportColumns;
        Marketplace.Reports.Excel.XlsxWriter.Write(stream, "目录", columns, [columns.Select(_ => (object?)"x").ToList()]);
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, isEditable: true))
        {
            var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
            var row = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Skip(1).Single();
            string[] formulas = ["HYPERLINK(\"http://example.invalid\",\"点击\")", "cmd|' /C calc'!A0", "1+1", "SUM(1,2)"];
            foreach (var (cell, i) in row.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList().Select((c, i) => (c, i)))
            {
                cell.RemoveAllChildren();
                cell.DataType = null;
                cell.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.CellFormula(formulas[i % formulas.Length]));
            }
            sheet.Save();
        }
        return stream.ToArray();
    }
}

public sealed class CorpusSqliteApp() : AppFixture(DatabaseTarget.Sqlite);

public sealed class CorpusPostgresApp() : AppFixture(DatabaseTarget.Postgres);

public sealed class BadInputCorpusTests_Sqlite(CorpusSqliteApp app, ITestOutputHelper output) : BadInputCorpusTests(app, output), IClassFixture<CorpusSqliteApp>;

/// <summary>
/// On PostgreSQL every post is followed by a full table hash (no cheap "nothing committed" signal), so each field
/// gets fewer values: one rotating, the script, and control characters (PostgreSQL refuses NUL in text).
/// </summary>
public sealed class BadInputCorpusTests_Postgres(CorpusPostgresApp app, ITestOutputHelper output) : BadInputCorpusTests(app, output), IClassFixture<CorpusPostgresApp>
{
    protected override string[] AlwaysTried => ["script", "control"];

    protected override bool EveryValueForNumbers => false;

    protected override int RotatingPerField => 1;
}
