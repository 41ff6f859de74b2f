using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Marketplace.Web.Infrastructure.Security;

/// <summary>
/// Form binding that answers bad input in Chinese and never crashes the page it re-renders: model-binding
/// messages are Chinese and do not quote what was typed, and a yes/no (checkbox) field given anything else
/// binds as "no" with an error instead of keeping the raw text, which the checkbox tag helper cannot render
/// (the issue: Negative.Published=abc answered 500).
/// </summary>
public static class InputBinding
{
    public static IServiceCollection AddChineseInputBinding(this IServiceCollection services) =>
        services.Configure<MvcOptions>(o =>
        {
            o.ModelBinderProviders.Insert(0, new YesNoBinderProvider());
            var m = o.ModelBindingMessageProvider;
            m.SetAttemptedValueIsInvalidAccessor((_, field) => $"“{field}”的格式不正确");
            m.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => "填写的格式不正确");
            m.SetUnknownValueIsInvalidAccessor(field => $"“{field}”的格式不正确");
            m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "填写的格式不正确");
            m.SetValueIsInvalidAccessor(_ => "填写的格式不正确");
            m.SetValueMustBeANumberAccessor(field => $"“{field}”应为数字");
            m.SetNonPropertyValueMustBeANumberAccessor(() => "应为数字");
            m.SetMissingBindRequiredValueAccessor(field => $"请填写“{field}”");
            m.SetMissingKeyOrValueAccessor(() => "请填写此项");
            m.SetMissingRequestBodyRequiredValueAccessor(() => "请求内容为空");
            m.SetValueMustNotBeNullAccessor(field => $"请填写“{field}”");
        });

    private sealed class YesNoBinderProvider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
            context.Metadata.ModelType == typeof(bool) && context.BindingInfo.BindingSource?.CanAcceptDataFrom(BindingSource.Form) != false
                ? new YesNoBinder()
                : null;
    }

    private sealed class YesNoBinder : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext context)
        {
            var values = context.ValueProvider.GetValue(context.ModelName);
            if (values == ValueProviderResult.None)
            {
                return Task.CompletedTask;
            }
            // A checkbox posts "true" (checked) and its hidden "false"; the first value decides, as MVC's own binder does.
            var first = values.FirstValue?.Trim();
            if (bool.TryParse(first, out var value) || string.IsNullOrEmpty(first))
            {
                context.ModelState.SetModelValue(context.ModelName, values);
                context.Result = ModelBindingResult.Success(value);
                return Task.CompletedTask;
            }
            context.ModelState.TryAddModelError(context.ModelName, $"“{context.ModelMetadata.GetDisplayName()}”只能选择是或否");
            context.Result = ModelBindingResult.Success(false);
            return Task.CompletedTask;
        }
    }
}
