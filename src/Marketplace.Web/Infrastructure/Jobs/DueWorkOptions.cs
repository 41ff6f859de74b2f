namespace Marketplace.Web.Infrastructure.Jobs;

/// <summary>
/// How far ahead timed work is handed to Hangfire, and how often the rest is looked at again (section "DueWork").
/// A street's contracts carry a report due date and a reminder each, months ahead; handing every one of
/// them to Hangfire at start made 80,051 timers with 20,000 contracts and kept a 2-core machine busy for
/// 26 s after its first page (2 s with the horizon, bench/README.md). Only work due within
/// <see cref="Horizon"/> is handed; the sweep hands the rest as it comes near. The database's ScheduledWork table stays the truth either way (ADR 0011).
/// </summary>
public sealed class DueWorkOptions
{
    public const string Section = "DueWork";

    /// <summary>
    /// Work due later than this is left in the database until a sweep finds it nearer. Keep it well above
    /// <see cref="SweepInterval"/>: work is handed on time only if a sweep sees it within the horizon before it is due.
    /// </summary>
    public TimeSpan Horizon { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often each silo sweeps; zero turns the periodic sweep off (the start-up one still runs).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
}
