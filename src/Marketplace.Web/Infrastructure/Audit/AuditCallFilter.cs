using Marketplace.Tendering;

namespace Marketplace.Web.Infrastructure.Audit;

/// <summary>
/// Names the grain method being run for the audit record. Async on purpose: the change to the request
/// context is undone when the call returns, so a caller's own action name is not overwritten.
/// </summary>
public sealed class AuditCallFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (AuditActor.Present)
        {
            AuditActor.CurrentAction = ActionOf(context);
        }
        await context.Invoke();
    }

    /// <summary>
    /// A street's tender action arrives as one call carrying its command (ADR 0008); the record names the
    /// method the command runs ("ITenderGrain.PublishAsync" for <c>Publish</c>), so the 操作记录 still says
    /// 发布 / 撤销 / 确认成交 and not one word for every action.
    /// </summary>
    private static string ActionOf(IIncomingGrainCallContext context)
    {
        var type = context.InterfaceMethod.DeclaringType?.Name;
        var request = context.Request;
        for (var i = 0; i < request.GetArgumentCount(); i++)
        {
            if (request.GetArgument(i) is StreetTenderCommand command)
            {
                return $"{type}.{command.GetType().Name}Async";
            }
        }
        return $"{type}.{context.InterfaceMethod.Name}";
    }
}
