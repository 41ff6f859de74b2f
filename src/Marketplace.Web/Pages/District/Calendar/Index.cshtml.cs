using System.Globalization;
using Marketplace.Calendar;
using Marketplace.Domain;
using Marketplace.Web.Infrastructure.Pages;
using Marketplace.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.District.Calendar;

/// <summary>
/// 节假日安排: the district's working-day calendar (the State Council's table plus the district's own
/// changes) and the length of 中标/成交结果公示 in working days. The district's calendar grain checks and stores it.
/// </summary>
public sealed class IndexModel(IGrainFactory grains, TimeProvider clock, CurrentTenant tenant) : PageModel
{
    public sealed class DayInput
    {
        public string? Date { get; set; }
        public CalendarDayKind Kind { get; set; } = CalendarDayKind.Holiday;
        public string? Name { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int Year { get; set; }
    [BindProperty] public DayInput Day { get; set; } = new();
    [BindProperty] public int PublicityWorkingDays { get; set; }
    [BindProperty] public int DeclarationWorkingDays { get; set; }

    public DistrictCalendarView View { get; private set; } = null!;

    /// <summary>The year's table as the district uses it, one row per date that is not an ordinary weekday/weekend.</summary>
    public IReadOnlyList<(CalendarDay Day, bool Amended)> Rows { get; private set; } = [];

    public bool Provisional => OfficialHolidaySchedules.ProvisionalYears.Contains(Year);

    public WorkingDayPeriod Example { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostDayAsync()
    {
        if (tenant.DistrictId is not { } districtId)
        {
            return NotFound();
        }
        ModelState.Clear();
        var errors = new List<FieldError>();
        if (FormParse.Date(Day.Date, "Day.Date", errors, "请填写日期，格式如 2026-10-01") is not { } date)
        {
            ModelState.AddOutcome(errors);
            return await LoadAsync() ? Page() : NotFound();
        }
        var outcome = await Grain(districtId).SetDayAsync(date, Day.Kind, Day.Name ?? "", User.Identity!.Name!);
        return await AfterAsync(outcome, "Day.", $"已将 {date:yyyy-MM-dd} 设为{KindText(Day.Kind)}。", date.Year);
    }

    public async Task<IActionResult> OnPostResetAsync(string? date)
    {
        if (tenant.DistrictId is not { } districtId)
        {
            return NotFound();
        }
        ModelState.Clear();
        var errors = new List<FieldError>();
        if (FormParse.Date(date, "", errors, "日期无效，请刷新页面后重试") is not { } day)
        {
            ModelState.AddOutcome(errors);
            return await LoadAsync() ? Page() : NotFound();
        }
        var outcome = await Grain(districtId).ResetDayAsync(day, User.Identity!.Name!);
        return await AfterAsync(outcome, "", $"{day:yyyy-MM-dd} 已恢复为国务院办公厅安排。", day.Year);
    }

    public async Task<IActionResult> OnPostPublicityAsync()
    {
        if (tenant.DistrictId is not { } districtId)
        {
            return NotFound();
        }
        ModelState.Clear();
        var outcome = await Grain(districtId).SetPublicityWorkingDaysAsync(PublicityWorkingDays, User.Identity!.Name!);
        return await AfterAsync(outcome, "", $"中标/成交结果公示期已设为 {PublicityWorkingDays} 个工作日，此后确定的中标按此计算。", Year);
    }

    /// <summary>财库〔2016〕198号 补抽: the working days a drawn expert has to declare; panels drawn afterwards use it.</summary>
    public async Task<IActionResult> OnPostDeclarationAsync()
    {
        if (tenant.DistrictId is not { } districtId)
        {
            return NotFound();
        }
        ModelState.Clear();
        var outcome = await Grain(districtId).SetDeclarationWorkingDaysAsync(DeclarationWorkingDays, User.Identity!.Name!);
        return await AfterAsync(outcome, "", $"评审专家声明期限已设为 {DeclarationWorkingDays} 个工作日，此后抽取或递补的专家按此计算。", Year);
    }

    public static string KindText(CalendarDayKind kind) => kind switch
    {
        CalendarDayKind.Holiday => "放假",
        CalendarDayKind.MakeUpWorkday => "调休上班",
        _ => "按常规（周一至周五上班）",
    };

    private IDistrictCalendarGrain Grain(long districtId) => grains.GetGrain<IDistrictCalendarGrain>(districtId);

    private async Task<IActionResult> AfterAsync(Outcome outcome, string prefix, string notice, int year)
    {
        if (outcome.Succeeded)
        {
            TempData["Notice"] = notice;
            return RedirectToPage(new { year });
        }
        foreach (var e in outcome.Errors)
        {
            // Errors of fields this page renders go beside them; the rest at the top.
            var key = e.Field switch
            {
                "Date" or "Kind" or "Name" when prefix.Length > 0 => prefix + e.Field,
                "PublicityWorkingDays" or "DeclarationWorkingDays" => e.Field,
                _ => string.Empty,
            };
            ModelState.AddModelError(key, e.Message);
        }
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        if (tenant.DistrictId is not { } districtId)
        {
            return false;
        }
        var today = ChinaTime.Day(clock.GetUtcNow());
        Year = Year is >= 2000 and <= 2100 ? Year : today.Year;
        View = await Grain(districtId).GetAsync();
        if (!ModelState.ContainsKey(nameof(PublicityWorkingDays)))
        {
            PublicityWorkingDays = View.PublicityWorkingDays;
        }
        if (!ModelState.ContainsKey(nameof(DeclarationWorkingDays)))
        {
            DeclarationWorkingDays = View.DeclarationWorkingDays;
        }
        var amended = View.Amendments.Select(a => a.Date).ToHashSet();
        var calendar = new ChineseWorkCalendar(OfficialHolidaySchedules.Days, View.Amendments);
        Rows = [.. OfficialHolidaySchedules.Days.Select(d => d.Date).Concat(amended).Distinct()
            .Where(d => d.Year == Year).Order()
            .Select(d => (calendar.Entry(d)!, amended.Contains(d)))];
        Example = await Grain(districtId).PublicityPeriodAsync(clock.GetUtcNow());
        return true;
    }
}
