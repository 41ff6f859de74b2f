namespace Marketplace.Bench.Submissions;

/// <summary>Baseline: the cost of a grain call alone, no rules and no storage.</summary>
[Alias("bench.IEchoGrain")]
public interface IEchoGrain : IGrainWithGuidKey
{
    [Alias("Echo")] Task<int> EchoAsync(int value);
}

public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<int> EchoAsync(int value) => Task.FromResult(value);
}
