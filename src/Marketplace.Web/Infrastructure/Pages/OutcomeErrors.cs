using Marketplace.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Web.Infrastructure.Pages;

/// <summary>
/// The one way an <see cref="Outcome"/>'s refusal reaches a page: each field error goes beside the input it
/// names, and an error of no field, or of a field the page does not render, goes to the top (key "", shown
/// by the page's validation summary), so no refusal is ever dropped.
/// </summary>
public static class OutcomeErrors
{
    /// <param name="prefix">The form's binding prefix ("Input"), or null for page properties.</param>
    /// <param name="form">
    /// The type whose properties the page renders as inputs; an error naming another field goes to the top.
    /// Null: every named field is rendered.
    /// </param>
    /// <param name="renames">Grain field name → form field name, where the two differ ("" sends it to the top).</param>
    public static void AddOutcome(this ModelStateDictionary modelState, IEnumerable<FieldError> errors,
        string? prefix = null, Type? form = null, IReadOnlyDictionary<string, string>? renames = null)
    {
        foreach (var e in errors)
        {
            var field = renames is not null && renames.TryGetValue(e.Field, out var renamed) ? renamed : e.Field;
            var rendered = field.Length > 0 && (form is null || form.GetProperty(Root(field)) is not null);
            var key = !rendered ? string.Empty : prefix is null ? field : $"{prefix}.{field}";
            modelState.AddModelError(key, e.Message);
        }
    }

    /// <summary>The form property a field path starts with: "Criteria[2].Name" is a row of the rendered list "Criteria".</summary>
    private static string Root(string field) => field.IndexOfAny(['[', '.']) is var i and > 0 ? field[..i] : field;
}
