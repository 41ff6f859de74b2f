using Marketplace.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Web.Pages.Shared;

/// <summary>A grain's refusals into ModelState: beside the named field, or at the top when the field is "".</summary>
public static class ContractPageErrors
{
    public static void AddFieldErrors(this ModelStateDictionary modelState, IEnumerable<FieldError> errors)
    {
        foreach (var e in errors)
        {
            modelState.AddModelError(e.Field, e.Message);
        }
    }
}
