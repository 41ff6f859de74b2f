using Marketplace.Contracts;
using Marketplace.Organizations;
using Marketplace.Rounds;
using Marketplace.Tendering;

namespace Marketplace.Web.Infrastructure.Audit;

/// <summary>What the audit page shows for the stable names stored in <see cref="Data.Entities.AuditEntry"/>.</summary>
public static class AuditLabels
{
    private static readonly Dictionary<string, string> Methods = new()
    {
        ["PublishAsync"] = "发布", ["CancelAsync"] = "撤销", ["ConfirmAwardAsync"] = "确认成交", ["AnswerObjectionAsync"] = "答复质疑",
        ["DecideObjectionAsync"] = "处理质疑", ["FileObjectionAsync"] = "提出质疑", ["ObjectAsync"] = "提出异议", ["CloseAsync"] = "报名截止",
        ["EndPublicityAsync"] = "公示结束", ["EncumberAsync"] = "预算占用", ["ReleaseEncumbranceAsync"] = "释放占用", ["ReleaseAsync"] = "释放占用",
        ["ResizeEncumbranceAsync"] = "调整占用", ["CommitAsync"] = "合同承诺", ["ConvertEncumbranceToCommitmentAsync"] = "占用转承诺",
        ["DisburseAsync"] = "支付", ["PayTrancheAsync"] = "兑现付款", ["ReverseAsync"] = "冲销", ["EnterBudgetAsync"] = "录入预算",
        ["ConfirmBudgetAsync"] = "确认预算", ["ChangeStatusAsync"] = "入库审核", ["RegisterAsync"] = "登记", ["SignAsStreetAsync"] = "街道签订合同",
        ["SignAsOrganizationAsync"] = "社会组织签订合同", ["ScoreAsync"] = "评分", ["SubmitAsync"] = "提交", ["WithdrawAsync"] = "撤回",
        ["DrawPanelAsync"] = "抽取评审专家", ["ReplaceMemberAsync"] = "替换评审专家", ["RedrawPanelAsync"] = "重新抽取评审专家", ["DeclareAsync"] = "专家声明", ["DeclineAsync"] = "拒绝",
        ["AddNegativeEntryAsync"] = "登记负面记录", ["RevokeNegativeEntryAsync"] = "撤销负面记录", ["FileAppealAsync"] = "提出申诉",
        ["DecideAppealAsync"] = "处理申诉", ["TerminateAsync"] = "终止", ["AmendAsync"] = "变更", ["CreateAsync"] = "新建",
        ["EditAsync"] = "修改", ["UpdateAsync"] = "修改", ["UpdateNoticeAsync"] = "修改公告", ["UpsertAsync"] = "保存", ["AdjustAsync"] = "调整",
        ["ScreenAsync"] = "初审", ["SelectAsync"] = "评选", ["OpenAsync"] = "开始征集", ["SetActiveAsync"] = "启用或停用", ["ImportAsync"] = "导入",
        ["SwitchToSingleSourceAsync"] = "转为单一来源", ["RerunAsync"] = "重新采购", ["DecideLowPriceAsync"] = "低价处理",
        ["FileReportAsync"] = "提交报告", ["SetDayAsync"] = "调整节假日", ["ResetDayAsync"] = "恢复节假日", ["SetPublicityWorkingDaysAsync"] = "设置公示天数",
        ["EditScheduleAsync"] = "修改付款计划", ["CreateContractsAsync"] = "生成合同", ["CreateFromAwardAsync"] = "生成合同",
        ["CreateFromRecordAsync"] = "合同补录", ["PublishSelectionAsync"] = "立项公示", ["RespondAdjustmentAsync"] = "回复金额调整",
        ["AddAsync"] = "新增", ["AssignAsync"] = "指派", ["AddDocumentAsync"] = "上传材料", ["RemoveDocumentAsync"] = "删除材料",
        ["UpdateProfileAsync"] = "修改资料", ["AddIncubationRecordAsync"] = "登记孵化记录", ["ApplyAsync"] = "申报", ["RequestPanelAsync"] = "申请抽取专家",
        ["ReportOverdueAsync"] = "报告逾期", ["DeclarationOverdueAsync"] = "声明超时", ["RemindReportAsync"] = "提醒提交报告",
        ["RegisterPendingAsync"] = "注册（待确认）", ["IssueConfirmationCodeAsync"] = "发送验证码", ["ConfirmRegistrationAsync"] = "确认注册",
        ["ExpireRegistrationAsync"] = "注册过期",
    };

    private static readonly Dictionary<string, string> Kinds = new()
    {
        ["tender"] = "采购项目", ["streetbudget"] = "街道预算", ["contract"] = "合同", ["organization"] = "社会组织", ["streetcatalog"] = "街道目录",
        ["ventureround"] = "公益创投", ["ventureroundlist"] = "公益创投", ["expertpool"] = "评审专家库", ["districtcalendar"] = "节假日安排",
        ["districtcontractsettings"] = "合同设置", ["DistrictBudgetPolicies"] = "预算规则", ["FundingSourceRules"] = "资金来源规则",
        ["GuidingCatalogEntries"] = "指导性目录", ["IncubationBases"] = "孵化基地",
    };

    /// <summary>The kinds a reader filters by (one entry per label).</summary>
    public static IReadOnlyList<(string Key, string Label)> Filterable { get; } =
        [.. Kinds.Where(k => k.Key != "ventureroundlist").Select(k => (k.Key, k.Value))];

    private static readonly Dictionary<string, string> TableChanges = new() { ["Added"] = "新增", ["Modified"] = "修改", ["Deleted"] = "删除" };

    /// <summary>"ITenderGrain.PublishAsync" → 发布; "DistrictBudgetPolicies.Modified" → 修改.</summary>
    public static string Action(string action)
    {
        var name = action[(action.LastIndexOf('.') + 1)..];
        return Methods.GetValueOrDefault(name) ?? TableChanges.GetValueOrDefault(name) ?? action;
    }

    /// <summary>The kind of record: the grain type of "tender/…", the table of "DistrictBudgetPolicies:…".</summary>
    public static string Kind(string subject) => Kinds.GetValueOrDefault(KindKey(subject)) ?? KindKey(subject);

    public static string KindKey(string subject) => subject.Split('/', ':')[0];

    /// <summary>A stored status name in Chinese when the record's kind has one (采购项目, 合同, 公益创投, 社会组织).</summary>
    public static string? Status(string subject, string? value) => value is null ? null : KindKey(subject) switch
    {
        "tender" when Enum.TryParse<TenderStatus>(value, out var s) => s.Chinese(),
        "contract" when Enum.TryParse<ContractStatus>(value, out var s) => s.Chinese(),
        "ventureround" when Enum.TryParse<RoundStatus>(value, out var s) => s.Chinese(),
        "organization" when Enum.TryParse<DirectoryStatus>(value, out var s) => s.Chinese(),
        _ => value,
    };

    private static readonly Dictionary<string, string> Columns = new()
    {
        ["Floor"] = "最低标准", ["Enabled"] = "启用", ["PublicWelfareOnly"] = "仅限公益项目", ["Name"] = "名称", ["Code"] = "编码",
        ["Active"] = "有效", ["Description"] = "说明", ["ServiceAreaCode"] = "服务领域", ["Level"] = "级别", ["Address"] = "地址",
        ["StreetId"] = "街道", ["Source"] = "资金来源",
    };

    /// <summary>A table change ("Floor=¥2,000,000.00；…") with Chinese column names; a grain status in Chinese.</summary>
    public static string? Change(string subject, string? value) => value is null || subject.Contains('/')
        ? Status(subject, value)
        : string.Join("；", value.Split('；').Select(f => f.Split('=', 2) is [var k, var v] ? $"{Columns.GetValueOrDefault(k, k)}={v}" : f));

    /// <summary>An account with no role is a self-registration not yet confirmed (注册申请人).</summary>
    public static string Role(string role) => role == AuditActor.SystemRole ? "系统" : role.Length == 0 ? "注册申请人" : Identity.Roles.Chinese(role);
}
