using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Web.Pages.Shared;

/// <summary>
/// Whether the layout may look for a flash notice (TempData["Notice"], set before a redirect). Reading TempData
/// makes the cookie provider answer with a deleting Set-Cookie even when the request carried no TempData, and the
/// output cache never stores a response that sets a cookie (issue 15). An anonymous GET without the TempData
/// cookie has no notice to show, so the public pages leave TempData untouched and stay cacheable.
/// </summary>
public static class FlashNotice
{
    public static bool MayHave(HttpContext http, CookieTempDataProviderOptions options) =>
        http.User.Identity?.IsAuthenticated == true
        || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        || http.Request.Cookies.ContainsKey(options.Cookie.Name!);
}
