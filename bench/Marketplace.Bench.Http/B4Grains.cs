using Orleans.Concurrency;

namespace Marketplace.Bench.Http;

/// <summary>B4's session stamp: held in memory by one activation, as the product's <c>ISessionStampGrain</c>.</summary>
[Alias("bench.IB4StampGrain")]
public interface IB4StampGrain : IGrainWithStringKey
{
    [Alias("Current")] Task<string?> CurrentAsync();
    [Alias("Renewed")] Task RenewedAsync(string stamp);
}

public sealed class B4StampGrain : Grain, IB4StampGrain
{
    private string? _stamp;

    public Task<string?> CurrentAsync() => Task.FromResult(_stamp);

    public Task RenewedAsync(string stamp)
    {
        _stamp = stamp;
        return Task.CompletedTask;
    }
}

/// <summary>B4's notice: the one grain call of a submission, answering once its row is durable.</summary>
[Alias("bench.IB4NoticeGrain")]
public interface IB4NoticeGrain : IGrainWithGuidKey
{
    [Alias("Submit")] Task<bool> SubmitAsync(string user, string submitKey, string document);
}

/// <summary>
/// Reentrant so that submissions arriving while a write is in flight queue behind it and go out in the
/// next transaction, as the product's tender grain lets them (its <c>GroupCommitter</c>).
/// </summary>
[Reentrant]
public sealed class B4NoticeGrain(B4Log log) : Grain, IB4NoticeGrain
{
    public Task<bool> SubmitAsync(string user, string submitKey, string document) =>
        log.AppendAsync(new B4Row(this.GetPrimaryKey(), user, submitKey, document));
}
