using Microsoft.AspNetCore.Identity;

namespace Marketplace.Web.Infrastructure.Identity;

/// <summary>Identity's messages in Chinese, for the ones users can meet.</summary>
public sealed class ChineseIdentityErrorDescriber : IdentityErrorDescriber
{
    // Neither echoes the name nor says "已被使用": the answer does not confirm that an account exists (the
    // per-address registration limit bounds how many names one can try, Infrastructure/Security/AbuseLimits).
    public const string UserNameUnavailable = "该用户名不可用，请换一个用户名";
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = UserNameUnavailable };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"邮箱“{email}”已被使用" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = "用户名只能包含字母、数字和 - . _ @" };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码至少 {length} 位" };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "密码必须包含数字" };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "密码必须包含小写字母" };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "密码必须包含大写字母" };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "密码必须包含符号" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "密码不正确" };
}
