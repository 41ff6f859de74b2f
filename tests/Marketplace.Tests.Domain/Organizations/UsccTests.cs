using Marketplace.Domain;
using Marketplace.Organizations;

namespace Marketplace.Tests.Domain.Organizations;

public sealed class UsccTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]   // the worked example of GB 32100-2015
    [InlineData("52330502MJ5A27315U")]   // 乐家社会工作服务中心 (seed)
    [InlineData("513201155101346230")]   // check character 0
    [InlineData("53330502MJ5A010867")]
    public void Valid_codes_pass(string code)
    {
        Assert.True(Uscc.IsValid(code));
        Assert.Null(Uscc.FormatError(code));
    }

    [Fact]
    public void Lower_case_full_width_and_spaces_are_normalised()
    {
        Assert.Equal("52330502MJ5A27315U", Uscc.Normalise(" 52330502mj5a27315u "));
        Assert.Equal("52330502MJ5A27315U", Uscc.Normalise("５２３３０５０２ＭＪ５Ａ２７３１５Ｕ"));
        Assert.True(Uscc.IsValid("52330502mj5a27315u"));
    }

    [Theory]
    [InlineData("91350100M000100Y44", "校验位")]    // last character changed
    [InlineData("52330502MJ5A27316U", "校验位")]    // one digit mistyped
    [InlineData("52330502MJ5A2731U", "18 位")]      // 17 characters
    [InlineData("52330502MJ5A27315UX", "18 位")]    // 19 characters
    [InlineData("", "请填写")]
    [InlineData("52330502MJ5I27315U", "I、O、Z、S、V")]
    [InlineData("52330502MJ5O27315U", "I、O、Z、S、V")]
    [InlineData("52330502MJ5Z27315U", "I、O、Z、S、V")]
    [InlineData("52330502MJ5S27315U", "I、O、Z、S、V")]
    [InlineData("52330502MJ5V27315U", "I、O、Z、S、V")]
    [InlineData("52330502MJ5-27315U", "数字和大写字母")]
    [InlineData("5233A502MJ5A27315U", "行政区划码")]
    public void Invalid_codes_are_refused_with_a_chinese_reason(string code, string reason)
    {
        var error = Uscc.FormatError(Uscc.Normalise(code));
        Assert.NotNull(error);
        Assert.Contains(reason, error);
        Assert.False(Uscc.IsValid(code));
    }

    [Theory]
    [InlineData("52330502MJ5A27315U", ProviderType.SocialServiceAgency)]
    [InlineData("52330502MJ5A27315U", ProviderType.SocialWorkAgency)]
    [InlineData("513201155101346230", ProviderType.SocialGroup)]
    [InlineData("53330502MJ5A010867", ProviderType.Foundation)]
    [InlineData("91350100M000100Y43", ProviderType.Enterprise)]
    public void Type_prefix_matching_the_declared_type_passes(string code, ProviderType type) =>
        Assert.Null(Uscc.Validate(code, type));

    [Theory]
    [InlineData("52330502MJ5A27315U", ProviderType.SocialGroup, "“52”")]
    [InlineData("513201155101346230", ProviderType.Foundation, "“51”")]
    [InlineData("91350100M000100Y43", ProviderType.SocialServiceAgency, "市场监管")]
    [InlineData("53330502MJ5A010867", ProviderType.Enterprise, "基金会")]
    public void Type_prefix_contradicting_the_declared_type_is_refused(string code, ProviderType type, string reason)
    {
        var error = Uscc.Validate(code, type);
        Assert.NotNull(error);
        Assert.Contains(reason, error);
        Assert.Contains(type.Chinese(), error);
    }

    [Fact]
    public void Check_character_31_is_written_as_zero()
    {
        // 513201155101346230 has Σ ≡ 0 (mod 31), so 31 − 0 = 31 maps to '0' (GB 32100-2015 §5).
        Assert.Equal('0', Uscc.CheckCharacter("51320115510134623"));
    }
}
