using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Web.Pages;

public class PrivacyModel : PageModel
{
    public void OnGet()
    {
    }
}

