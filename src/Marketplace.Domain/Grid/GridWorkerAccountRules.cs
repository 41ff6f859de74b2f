using System.Text.RegularExpressions;
using Marketplace.Domain;

namespace Marketplace.Grid;

/// <summary>
/// What a street must give for a new 网格员 account (issue 17 item 1: 网格长/网格员 accounts created by the street):
/// a login of letters, digits, "." or "_", the worker's name and an 11-digit mobile the street calls them on.
/// The password rules are Identity's (checked when the account is created).
/// </summary>
public static partial class GridWorkerAccountRules
{
    public static IReadOnlyList<FieldError> Check(string userName, string displayName, string phone)
    {
        var errors = new List<FieldError>();
        if (!Login().IsMatch(userName.Trim()))
        {
            errors.Add(new("UserName", "账号应为3至32位小写字母、数字、“.”或“_”"));
        }
        if (displayName.Trim().Length is < 2 or > 20)
        {
            errors.Add(new("DisplayName", "姓名应为2至20个字"));
        }
        if (!Mobile().IsMatch(phone.Trim()))
        {
            errors.Add(new("Phone", "请填写11位手机号码"));
        }
        return errors;
    }

    [GeneratedRegex("^[a-z0-9._]{3,32}$")]
    private static partial Regex Login();

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex Mobile();
}
