using Marketplace.Domain;
using Marketplace.Organizations;

namespace Marketplace.Tests.Domain.Organizations;

public sealed class OrganizationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("-3", "不能为负数")]
    [InlineData("1e9", "整数")]
    [InlineData("abc", "整数")]
    [InlineData("3.5", "整数")]
    [InlineData("1000000000", "不能超过")]
    [InlineData("100001", "不能超过")]
    public void Bad_counts_get_a_chinese_message(string text, string message)
    {
        Assert.False(OrganizationRules.TryParseCount(text, "持证社工人数", out _, out var error));
        Assert.Contains(message, error);
        Assert.StartsWith("持证社工人数", error);
    }

    [Theory]
    [InlineData("12", 12)]
    [InlineData(" 0 ", 0)]
    [InlineData("", 0)]
    public void Good_counts_parse(string text, int expected)
    {
        Assert.True(OrganizationRules.TryParseCount(text, "人数", out var value, out var error));
        Assert.Equal(expected, value);
        Assert.Null(error);
    }

    private static OrganizationState Admitted(int socialWorkers = 5, ProviderType type = ProviderType.SocialWorkAgency) => new()
    {
        Uscc = "52330502MJ5A27315U",
        Status = DirectoryStatus.Admitted,
        Profile = new OrganizationProfile
        {
            Name = "乐家社会工作服务中心", Type = type, RegistrationAuthority = "湖州市吴兴区民政局", RegisteredOn = new(2016, 5, 18),
            LegalRepresentative = "陈静", ContactPerson = "陈静", ContactPhone = "0572-2088316", Address = "湖州市吴兴区",
            DistrictId = 1, ServiceAreaCodes = ["elderly"], StaffCount = 18, SocialWorkers = new(socialWorkers, 0, 0),
        },
    };

    private static NegativeEntry Entry(DateOnly start, DateOnly? end, DateTimeOffset? revoked = null) =>
        new(Guid.NewGuid(), new NegativeEntryDraft(NegativeSource.ComplaintUpheld, "服务投诉查实", start, end, false, null),
            "admin", Now, revoked, null, null);

    [Fact]
    public void Admitted_organization_of_the_right_kind_with_enough_social_workers_is_eligible() =>
        Assert.True(OrganizationRules.Eligibility(Admitted(), [ProviderType.SocialWorkAgency], 3, Now).Succeeded);

    [Theory]
    [InlineData(DirectoryStatus.Applying)]
    [InlineData(DirectoryStatus.Returned)]
    [InlineData(DirectoryStatus.Suspended)]
    [InlineData(DirectoryStatus.Removed)]
    public void Organization_not_admitted_is_not_eligible(DirectoryStatus status)
    {
        var outcome = OrganizationRules.Eligibility(Admitted() with { Status = status }, [], 0, Now);
        Assert.Contains(outcome.Errors, e => e.Message.Contains("不在有承接能力的社会组织目录中") && e.Message.Contains(status.Chinese()));
    }

    [Fact]
    public void Active_negative_entry_bars_and_every_failed_condition_is_reported()
    {
        var state = Admitted(socialWorkers: 1) with { NegativeEntries = [Entry(new(2026, 11, 1), new(2027, 10, 31))] };
        var outcome = OrganizationRules.Eligibility(state, [ProviderType.SocialServiceAgency], 3, Now);
        Assert.Equal(3, outcome.Errors.Length);
        Assert.Contains(outcome.Errors, e => e.Message.Contains("负面信息"));
        Assert.Contains(outcome.Errors, e => e.Message.Contains("组织类型“社工机构”不在允许的承接主体"));
        Assert.Contains(outcome.Errors, e => e.Message.Contains("持证社工 1 人，少于要求的 3 人"));
    }

    [Fact]
    public void Expired_future_and_revoked_negative_entries_do_not_bar()
    {
        var state = Admitted() with
        {
            NegativeEntries =
            [
                Entry(new(2025, 1, 1), new(2026, 11, 21)),
                Entry(new(2026, 11, 23), null),
                Entry(new(2026, 1, 1), null, revoked: Now.AddDays(-1)),
            ],
        };
        Assert.True(OrganizationRules.Eligibility(state, [], 0, Now).Succeeded);
    }

    [Fact]
    public void Negative_entry_days_are_counted_in_china_time()
    {
        // 2026-11-21 20:00 UTC is already 2026-11-22 in Beijing: an entry starting on the 22nd is active.
        var state = Admitted() with { NegativeEntries = [Entry(new(2026, 11, 22), null)] };
        Assert.False(OrganizationRules.Eligibility(state, [], 0, new DateTimeOffset(2026, 11, 21, 20, 0, 0, TimeSpan.Zero)).Succeeded);
        Assert.True(OrganizationRules.Eligibility(state, [], 0, new DateTimeOffset(2026, 11, 21, 15, 0, 0, TimeSpan.Zero)).Succeeded);
    }

    [Theory]
    [InlineData(DirectoryStatus.Applying, DirectoryStatus.Admitted, true)]
    [InlineData(DirectoryStatus.Applying, DirectoryStatus.Returned, true)]
    [InlineData(DirectoryStatus.Admitted, DirectoryStatus.Suspended, true)]
    [InlineData(DirectoryStatus.Suspended, DirectoryStatus.Admitted, true)]
    [InlineData(DirectoryStatus.Suspended, DirectoryStatus.Removed, true)]
    [InlineData(DirectoryStatus.Returned, DirectoryStatus.Applying, true)]
    [InlineData(DirectoryStatus.Returned, DirectoryStatus.Admitted, false)]
    [InlineData(DirectoryStatus.Removed, DirectoryStatus.Admitted, false)]
    [InlineData(DirectoryStatus.Applying, DirectoryStatus.Suspended, false)]
    [InlineData(DirectoryStatus.Admitted, DirectoryStatus.Admitted, false)]
    public void Directory_moves_follow_the_review_flow(DirectoryStatus from, DirectoryStatus to, bool allowed) =>
        Assert.Equal(allowed, OrganizationRules.TransitionError(from, to) is null);
}
