namespace Marketplace.Web.Data.Entities;

/// <summary>
/// 操作记录: one change to money or status — who (user, role), when, what (action, subject, before → after)
/// and from where (client address). Append-only: written in the transaction of the change it records and
/// never updated or deleted (<see cref="Infrastructure.Audit.AuditSaveChangesInterceptor"/> refuses both).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string UserName { get; set; }
    /// <summary>Stable role name (<see cref="Infrastructure.Identity.Roles"/>), or "System" for timed work.</summary>
    public required string Role { get; set; }
    public string? ClientAddress { get; set; }
    /// <summary>The district whose record changed (from the record itself, else the actor's district): who may read it.</summary>
    public long? DistrictId { get; set; }
    public long? StreetId { get; set; }
    /// <summary>Grain method ("ITenderGrain.PublishAsync") or table change ("DistrictBudgetPolicies.Modified").</summary>
    public required string Action { get; set; }
    /// <summary>The grain id or "{table}:{key}" of the changed record.</summary>
    public required string Subject { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}
