using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Web.Pages.Shared;

public sealed record PagerModel(int Current, int PageCount)
{
    public string Link(HttpRequest request, int page)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(kv => !string.Equals(kv.Key, "page", StringComparison.OrdinalIgnoreCase))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string>(kv.Key, v ?? string.Empty)))
            .Append(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return request.Path + new QueryBuilder(query).ToQueryString();
    }
}
