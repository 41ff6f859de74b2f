using System.Security.Cryptography;
using Marketplace.Organizations;

namespace Marketplace.Tests.Grains.Organizations;

/// <summary>Fresh, valid 统一社会信用代码 so tests sharing a database never collide.</summary>
internal static class TestCodes
{
    public static string New(string prefix = "52", string division = "320115")
    {
        var body = prefix + division + string.Concat(Enumerable.Range(0, 9).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10))));
        return body + Uscc.CheckCharacter(body);
    }
}
