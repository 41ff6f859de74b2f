using Marketplace.Reports.Layout;

namespace Marketplace.Tests.Reports;

public sealed class TextWrapperTests
{
    [Fact]
    public void Chinese_text_wraps_by_character_within_the_width()
    {
        const string text = "街道办事处向社会组织购买公共服务，实行政府负担、合同管理、评估兑现的原则。";
        var lines = TextWrapper.Wrap(text, 10f, 60f);

        Assert.True(lines.Count > 3);
        Assert.Equal(text, string.Concat(lines));
        Assert.All(lines, l => Assert.True(TextMeasurer.Width(l, 10f) <= 60f, $"'{l}' is too wide"));
    }

    [Fact]
    public void Numbers_and_latin_words_are_never_split()
    {
        const string text = "每个街道每年不少于 2,000,000.00 元，由 Orleans 集群记账，执行率 45.25%。";
        // From the widest unbreakable token (2,000,000.00 is about 60 pt at 10 pt) upwards.
        for (var width = 62f; width < 260f; width += 7f)
        {
            var lines = TextWrapper.Wrap(text, 10f, width);
            Assert.Single(lines, l => l.Contains("2,000,000.00", StringComparison.Ordinal));
            Assert.Single(lines, l => l.Contains("Orleans", StringComparison.Ordinal));
            Assert.Single(lines, l => l.Contains("45.25%", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Closing_punctuation_never_starts_a_line()
    {
        const string text = "评估等级分为优秀、良好、合格、不合格，不合格的暂停拨付。";
        for (var width = 20f; width < 150f; width += 3f)
        {
            Assert.All(TextWrapper.Wrap(text, 10f, width), l => Assert.False(l.StartsWith('，') || l.StartsWith('、') || l.StartsWith('。'), l));
        }
    }
}
