using Marketplace.Web.Infrastructure.Identity;

namespace Marketplace.Web.Infrastructure.Audit;

/// <summary>
/// Who changes something and from where. Carried to the grains in Orleans' <see cref="RequestContext"/>
/// (it flows with every call, also from grain to grain), so the grain storage can record the change in
/// the transaction that writes it; page writes read it from the HTTP request.
/// </summary>
public sealed record AuditActor(string UserName, string Role, long? DistrictId, long? StreetId, string? ClientAddress)
{
    private const string UserKey = "audit.user", RoleKey = "audit.role", DistrictKey = "audit.district",
        StreetKey = "audit.street", AddressKey = "audit.address", ActionKey = "audit.action";

    public const string SystemRole = "System";

    /// <summary>Timed work (报名截止, 公示结束, …): the platform acts, no person.</summary>
    public static AuditActor TimedWork { get; } = new("定时任务", SystemRole, null, null, null);

    /// <summary>The signed-in user of a request; null for anonymous requests (nothing of theirs is recorded as a person).</summary>
    public static AuditActor? From(HttpContext? http)
    {
        // Built from the principal, not the scoped service: the interceptor and the middleware run outside page DI.
        var tenant = CurrentTenant.Of(http?.User);
        if (http is null || !tenant.SignedIn)
        {
            return null;
        }
        return new AuditActor(tenant.UserName, tenant.Role, tenant.DistrictId, tenant.StreetId, http.Connection.RemoteIpAddress?.ToString());
    }

    /// <summary>Makes this actor the one every grain call from here on (in this async flow) carries.</summary>
    public void Enter()
    {
        RequestContext.Set(UserKey, UserName);
        RequestContext.Set(RoleKey, Role);
        if (DistrictId is { } d) RequestContext.Set(DistrictKey, d);
        if (StreetId is { } s) RequestContext.Set(StreetKey, s);
        if (ClientAddress is { } a) RequestContext.Set(AddressKey, a);
    }

    /// <summary>The actor the current grain call carries, if a person or timed work started it.</summary>
    public static AuditActor? Current => Of(RequestContext.Get);

    /// <summary>The actor and the method of one caller of a group-committed write (<see cref="Persistence.GroupWriters"/>).</summary>
    public static (AuditActor? Actor, string? Action) Of(IReadOnlyDictionary<string, object?> context) =>
        (Of(k => context.GetValueOrDefault(k)), context.GetValueOrDefault(ActionKey) as string);

    private static AuditActor? Of(Func<string, object?> get) => get(UserKey) is string user
        ? new AuditActor(user, get(RoleKey) as string ?? "", get(DistrictKey) as long?, get(StreetKey) as long?, get(AddressKey) as string)
        : null;

    /// <summary>The grain method being run ("ITenderGrain.PublishAsync"), set by <see cref="AuditCallFilter"/>.</summary>
    public static string? CurrentAction
    {
        get => RequestContext.Get(ActionKey) as string;
        internal set => RequestContext.Set(ActionKey, value ?? "");
    }

    internal static bool Present => RequestContext.Get(UserKey) is not null;
}
