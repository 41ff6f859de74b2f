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
            AuditActor.CurrentAction = $"{context.InterfaceMethod.DeclaringType?.Name}.{context.InterfaceMethod.Name}";
        }
        await context.Invoke();
    }
}
