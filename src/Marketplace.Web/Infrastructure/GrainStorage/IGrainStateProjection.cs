using Marketplace.Web.Data;

namespace Marketplace.Web.Infrastructure.GrainStorage;

/// <summary>
/// Keeps relational read models in step with one kind of grain state. Called by
/// <see cref="EfGrainStorage"/> inside the transaction that writes the state document, so the two can
/// never disagree (docs/decisions/0002).
/// </summary>
public interface IGrainStateProjection
{
    Type StateType { get; }

    Task ProjectAsync(AppDbContext db, GrainId grainId, object state, CancellationToken ct);
}

public abstract class GrainStateProjection<TState> : IGrainStateProjection
{
    public Type StateType => typeof(TState);

    public Task ProjectAsync(AppDbContext db, GrainId grainId, object state, CancellationToken ct) =>
        ProjectAsync(db, grainId, (TState)state, ct);

    protected abstract Task ProjectAsync(AppDbContext db, GrainId grainId, TState state, CancellationToken ct);
}
