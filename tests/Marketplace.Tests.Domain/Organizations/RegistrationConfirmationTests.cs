using Marketplace.Organizations;

namespace Marketplace.Tests.Domain.Organizations;

/// <summary>The confirmation code rules of a 待确认 registration (issue 16 item 1), without a grain or a database.</summary>
public sealed class RegistrationConfirmationTests
{
    private const string Uscc = "52320115MJ5A27316U";
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    private static (PendingConfirmation Pending, string Code) Sent()
    {
        var code = RegistrationConfirmation.NewCode();
        var fresh = new PendingConfirmation("ngo.new", "13900000000", Now.AddHours(24), null, Now, Now, 0, 0);
        return (RegistrationConfirmation.Sent(fresh, Uscc, code, Now), code);
    }

    private static string Other(string code) => code == "000000" ? "111111" : "000000";

    [Fact]
    public void Only_the_hash_is_kept_and_it_differs_between_organizations()
    {
        var (pending, code) = Sent();
        Assert.DoesNotContain(code, pending.CodeHash!);
        Assert.NotEqual(RegistrationConfirmation.Hash(Uscc, code), RegistrationConfirmation.Hash("52320115MJ5A27317X", code));
        Assert.Null(RegistrationConfirmation.Check(pending, Uscc, " " + code + " ", Now.AddMinutes(9)).Error);
    }

    [Fact]
    public void The_fifth_wrong_code_voids_the_code()
    {
        var (pending, code) = Sent();
        for (var i = 1; i <= 4; i++)
        {
            (pending, var error) = RegistrationConfirmation.Check(pending, Uscc, Other(code), Now);
            Assert.Equal($"验证码不正确，还可再试 {5 - i} 次", error!.Message);
        }
        (pending, var last) = RegistrationConfirmation.Check(pending, Uscc, Other(code), Now);
        Assert.Contains("已失效", last!.Message);
        Assert.Null(pending.CodeHash);
        Assert.Equal("验证码已失效，请重新发送验证码", RegistrationConfirmation.Check(pending, Uscc, code, Now).Error!.Message);
    }

    [Fact]
    public void A_code_expires_after_ten_minutes_and_the_registration_after_its_time()
    {
        var (pending, code) = Sent();
        Assert.Equal("验证码已过期，请重新发送验证码", RegistrationConfirmation.Check(pending, Uscc, code, Now.AddMinutes(10)).Error!.Message);
        Assert.Equal(RegistrationConfirmation.Expired, RegistrationConfirmation.Check(pending, Uscc, code, Now.AddHours(24)).Error!.Message);
        Assert.Equal(RegistrationConfirmation.Expired, RegistrationConfirmation.ResendRefusal(pending, Now.AddHours(24))!.Message);
    }

    [Fact]
    public void A_new_code_waits_a_minute_and_a_registration_sends_five_at_most()
    {
        var (pending, _) = Sent();
        Assert.Equal("验证码已发送，请1分钟后再试", RegistrationConfirmation.ResendRefusal(pending, Now.AddSeconds(59))!.Message);
        var at = Now;
        for (var i = 2; i <= RegistrationConfirmation.MaxCodes; i++)
        {
            at = at.AddMinutes(1);
            Assert.Null(RegistrationConfirmation.ResendRefusal(pending, at));
            pending = RegistrationConfirmation.Sent(pending, Uscc, RegistrationConfirmation.NewCode(), at);
        }
        Assert.Contains("不能再发送", RegistrationConfirmation.ResendRefusal(pending, at.AddMinutes(1))!.Message);
    }
}
