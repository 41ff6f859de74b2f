using System.Collections.Concurrent;
using System.Collections.Immutable;
using Marketplace.Domain;
using Marketplace.Organizations;
using Marketplace.Reports.Excel;
using Marketplace.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using W = Marketplace.Web.Features.Organizations.DirectoryWorkbook;

namespace Marketplace.Web.Features.Organizations;

/// <summary>
/// Imports a district's organizations from an .xlsx sheet, all or nothing: every row is checked first and
/// any error (reported per Excel row, in Chinese) imports nothing; if a write fails half-way, the rows
/// already written are undone. Rows are read one at a time and capped (default 5,000).
/// </summary>
public sealed class DirectoryImport(AppDbContext db, IGrainFactory grains, IOrganizationReferenceData reference,
    IOptions<OrganizationOptions> options, TimeProvider clock)
{
    public sealed record RowError(int Row, string Message);

    public sealed record Result(int Imported, IReadOnlyList<RowError> Errors)
    {
        public bool Succeeded => Errors.Count == 0;
    }

    private sealed record Parsed(int Row, string Uscc, OrganizationProfile Profile);

    public async Task<Result> ImportAsync(Stream workbook, long districtId, string user, CancellationToken ct)
    {
        var max = options.Value.MaxImportRows;
        var errors = new List<RowError>();
        var parsed = new List<Parsed>();
        var areaCodes = await reference.ServiceAreaCodesAsync();
        var areaByName = await db.ServiceAreas.AsNoTracking().ToDictionaryAsync(a => a.Name, a => a.Code, ct);
        var streets = await db.Streets.AsNoTracking().Where(s => s.DistrictId == districtId).ToDictionaryAsync(s => s.Name, s => s.Id, ct);
        var bases = await db.IncubationBases.AsNoTracking().ToDictionaryAsync(b => b.Name, b => b.Id, ct);
        var today = ChinaTime.Day(clock.GetUtcNow());
        var seen = new Dictionary<string, int>();
        Dictionary<string, int>? columns = null;
        var dataRows = 0;
        try
        {
            // One row more than allowed is read, to tell "exactly at the limit" from "over it".
            foreach (var (rowNumber, cells) in XlsxReader.Read(workbook, max + 2))
            {
                if (columns is null)
                {
                    columns = MapHeader(cells, errors);
                    if (errors.Count > 0)
                    {
                        return new Result(0, errors);
                    }
                    continue;
                }
                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                if (++dataRows > max)
                {
                    return new Result(0, [new RowError(0, $"一次最多导入 {max:N0} 行，本文件超过了上限，请分批导入。未导入任何数据。")]);
                }
                var row = ParseRow(rowNumber, cells, columns, districtId, areaByName, streets, bases, errors);
                if (row is null)
                {
                    continue;
                }
                if (seen.TryGetValue(row.Uscc, out var first))
                {
                    errors.Add(new(rowNumber, $"统一社会信用代码与第 {first} 行重复"));
                    continue;
                }
                seen[row.Uscc] = rowNumber;
                foreach (var e in OrganizationRules.Validate(row.Profile, areaCodes, today))
                {
                    errors.Add(new(rowNumber, e.Message));
                }
                parsed.Add(row);
            }
        }
        catch (XlsxReader.UnreadableWorkbookException e)
        {
            return new Result(0, [new RowError(0, e.Message + "，请使用导出的模板（.xlsx）")]);
        }
        catch (Exception e) when (e is System.Xml.XmlException or InvalidDataException or IOException or InvalidOperationException
            or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException)
        {
            // A damaged part inside an otherwise valid package surfaces only while rows are read.
            return new Result(0, [new RowError(0, "文件内容已损坏，无法读取，请重新导出后再导入")]);
        }
        if (columns is null || dataRows == 0)
        {
            return new Result(0, [new RowError(0, "文件中没有可导入的数据行")]);
        }
        var codes = parsed.Select(p => p.Uscc).ToList();
        var existing = (await db.Organizations.AsNoTracking().Where(o => codes.Contains(o.Uscc)).Select(o => o.Uscc).ToListAsync(ct)).ToHashSet();
        errors.AddRange(parsed.Where(p => existing.Contains(p.Uscc)).Select(p => new RowError(p.Row, "该统一社会信用代码已在平台登记，不能重复导入")));
        if (errors.Count > 0)
        {
            return new Result(0, [.. errors.OrderBy(e => e.Row)]);
        }
        return await WriteAllAsync(parsed, user);
    }

    private async Task<Result> WriteAllAsync(List<Parsed> rows, string user)
    {
        var importId = Guid.NewGuid();
        var written = new ConcurrentBag<string>();
        var failures = new ConcurrentBag<RowError>();
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (row, _) =>
        {
            if (!failures.IsEmpty)
            {
                return;
            }
            try
            {
                var outcome = await grains.GetGrain<IOrganizationGrain>(row.Uscc).ImportAsync(row.Profile, importId, user);
                if (outcome.Succeeded)
                {
                    written.Add(row.Uscc);
                }
                else
                {
                    failures.Add(new(row.Row, string.Join("；", outcome.Errors.Select(e => e.Message))));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failures.Add(new(row.Row, "保存失败，请稍后重试"));
            }
        });
        if (failures.IsEmpty)
        {
            return new Result(written.Count, []);
        }
        // All or nothing: take back what this import already wrote.
        foreach (var uscc in written)
        {
            await grains.GetGrain<IOrganizationGrain>(uscc).DiscardImportAsync(importId);
        }
        return new Result(0, [.. failures.OrderBy(f => f.Row).Append(new RowError(0, "以上错误导致本次导入已全部撤销，未导入任何数据"))]);
    }

    private static Dictionary<string, int> MapHeader(string[] cells, List<RowError> errors)
    {
        var map = new Dictionary<string, int>();
        for (var i = 0; i < cells.Length; i++)
        {
            var name = cells[i].Trim().TrimStart('*');
            if (W.ImportColumns.Contains(name))
            {
                map.TryAdd(name, i);
            }
        }
        var missing = W.RequiredColumns.Where(c => !map.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new(1, $"第 1 行应为表头，缺少列：{string.Join("、", missing)}。请使用导出的模板"));
        }
        return map;
    }

    private static Parsed? ParseRow(int rowNumber, string[] cells, Dictionary<string, int> columns, long districtId,
        Dictionary<string, string> areaByName, Dictionary<string, long> streets, Dictionary<string, long> bases, List<RowError> errors)
    {
        string Cell(string column) => columns.TryGetValue(column, out var i) && i < cells.Length ? cells[i].Trim() : string.Empty;
        var before = errors.Count;
        void Error(string message) => errors.Add(new(rowNumber, message));

        var type = W.ParseType(Cell(W.Type));
        if (type is null)
        {
            Error(Cell(W.Type).Length == 0 ? "请填写组织类型" : $"组织类型“{Cell(W.Type)}”无效，应为 社会团体、社会服务机构、基金会、社工机构 或 企业");
        }
        var uscc = Uscc.Normalise(Cell(W.Code));
        if (Uscc.Validate(uscc, type) is { } usccError)
        {
            Error(usccError);
        }
        var registeredOn = W.ParseDate(Cell(W.RegisteredOn));
        if (registeredOn is null)
        {
            Error(Cell(W.RegisteredOn).Length == 0 ? "请填写登记日期" : $"登记日期“{Cell(W.RegisteredOn)}”无效，请写成 2015-06-01");
        }
        long? streetId = null;
        if (Cell(W.Street) is { Length: > 0 } streetName)
        {
            if (streets.TryGetValue(streetName, out var s))
            {
                streetId = s;
            }
            else
            {
                Error($"所在街道“{streetName}”不在本区");
            }
        }
        var areas = ImmutableArray.CreateBuilder<string>();
        foreach (var name in Cell(W.Areas).Split(['、', ',', '，', ';', '；', '/', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (areaByName.TryGetValue(name, out var code) || areaByName.ContainsValue(code = name))
            {
                areas.Add(code);
            }
            else
            {
                Error($"服务领域“{name}”不存在");
            }
        }
        var counts = new int[4];
        string[] countColumns = [W.Staff, W.Assistant, W.Regular, W.Senior];
        for (var i = 0; i < countColumns.Length; i++)
        {
            if (!OrganizationRules.TryParseCount(Cell(countColumns[i]), countColumns[i], out counts[i], out var countError))
            {
                Error(countError!);
            }
        }
        long? baseId = null;
        if (Cell(W.Incubation) is { Length: > 0 } baseName)
        {
            if (bases.TryGetValue(baseName, out var b))
            {
                baseId = b;
            }
            else
            {
                Error($"孵化基地“{baseName}”不存在");
            }
        }
        if (errors.Count > before)
        {
            return null;
        }
        return new Parsed(rowNumber, uscc, new OrganizationProfile
        {
            Name = Cell(W.Name), Type = type!.Value, RegistrationAuthority = Cell(W.Authority), RegisteredOn = registeredOn!.Value,
            LegalRepresentative = Cell(W.Representative), ContactPerson = Cell(W.Contact), ContactPhone = Cell(W.Phone),
            Address = Cell(W.Address), DistrictId = districtId, StreetId = streetId, ServiceAreaCodes = areas.ToImmutable(),
            StaffCount = counts[0], SocialWorkers = new SocialWorkerCounts(counts[1], counts[2], counts[3]),
            IncubationBaseId = baseId, PastProjects = Cell(W.Projects),
        });
    }
}
