using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages.Errors;

/// <summary>403, 404, 500 and other status pages, in Chinese.</summary>
[AllowAnonymous, IgnoreAntiforgeryToken, ResponseCache(NoStore = true)]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public string Heading => Code switch
    {
        400 => "请求无效",
        429 => "操作过于频繁",
        403 => "没有权限",
        404 => "页面不存在",
        500 => "系统出错了",
        _ => "出现问题",
    };

    public string Explanation => Code switch
    {
        400 => "请求的内容不完整或已过期，请返回上一页刷新后重试。",
        429 => "请稍后再试。",
        403 => "您的账号无权访问此页面。如需办理，请联系本街道或区民政部门管理员。",
        404 => "您要找的页面不存在，或者您无权查看。",
        500 => "服务器处理请求时出错，已记录。请稍后重试。",
        _ => "请返回首页重试。",
    };

    public void OnGet(int code) => Code = code;

    public void OnPost(int code) => Code = code;
}
