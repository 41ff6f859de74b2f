using System.Threading.Channels;
using Marketplace.Persistence;

namespace Marketplace.Tests.Grains.Storage;

/// <summary>
/// The group commit under control: each write waits until the test lets it finish, so which items travel
/// together is decided by the test, not by timing. Everything runs on one thread, like a grain.
/// </summary>
public sealed class GroupCommitterTests
{
    private sealed class Writes
    {
        public Channel<(IReadOnlyList<int> Batch, TaskCompletionSource Finish)> Started { get; } = Channel.CreateUnbounded<(IReadOnlyList<int>, TaskCompletionSource)>();
        public List<int> Committed { get; } = [];
        public List<(IReadOnlyList<int> Items, string Error)> Failed { get; } = [];

        public GroupCommitter<int> Committer() => new(
            batch =>
            {
                var finish = new TaskCompletionSource();
                Started.Writer.TryWrite((batch.ToList(), finish));
                return finish.Task;
            },
            Committed.AddRange,
            (items, ex) => Failed.Add((items, ex.Message)));
    }

    [Fact]
    public async Task Items_arriving_during_a_write_go_out_together_in_the_next_one()
    {
        var writes = new Writes();
        var committer = writes.Committer();

        var first = committer.EnqueueAsync(1);
        var (batch1, finish1) = await writes.Started.Reader.ReadAsync();
        var queued = new[] { committer.EnqueueAsync(2), committer.EnqueueAsync(3), committer.EnqueueAsync(4) };

        Assert.Equal([1], batch1);
        Assert.False(first.IsCompleted); // not acknowledged before its write committed
        Assert.Equal(4, committer.Outstanding);
        finish1.SetResult();
        await first;

        var (batch2, finish2) = await writes.Started.Reader.ReadAsync();
        Assert.Equal([2, 3, 4], batch2);
        Assert.All(queued, t => Assert.False(t.IsCompleted));
        finish2.SetResult();
        await Task.WhenAll(queued);

        Assert.Equal([1, 2, 3, 4], writes.Committed);
        Assert.Equal(0, committer.Outstanding);
        Assert.False(writes.Started.Reader.TryRead(out _)); // two writes for four items
    }

    [Fact]
    public async Task A_failed_write_fails_its_items_and_those_queued_behind_it_and_the_next_item_is_written_again()
    {
        var writes = new Writes();
        var committer = writes.Committer();

        var first = committer.EnqueueAsync(1);
        var (_, finish1) = await writes.Started.Reader.ReadAsync();
        var behind = committer.EnqueueAsync(2);
        finish1.SetException(new IOException("disk full"));

        await Assert.ThrowsAsync<IOException>(() => first);
        await Assert.ThrowsAsync<IOException>(() => behind);
        Assert.Equal([1, 2], Assert.Single(writes.Failed).Items);
        Assert.Empty(writes.Committed);

        var again = committer.EnqueueAsync(3);
        var (batch, finish) = await writes.Started.Reader.ReadAsync();
        finish.SetResult();
        await again;
        Assert.Equal([3], batch);
        Assert.Equal([3], writes.Committed);
    }

    [Fact]
    public async Task Settling_waits_for_what_is_outstanding_but_not_for_what_arrives_later()
    {
        var writes = new Writes();
        var committer = writes.Committer();

        var first = committer.EnqueueAsync(1);
        var (_, finish1) = await writes.Started.Reader.ReadAsync();
        var settled = committer.SettleAsync();
        var later = committer.EnqueueAsync(2);
        Assert.False(settled.IsCompleted);

        finish1.SetResult();
        await settled;
        await first;
        Assert.False(later.IsCompleted); // still in its own write: settling did not wait for it
        var (_, finish2) = await writes.Started.Reader.ReadAsync();
        finish2.SetResult();
        await later;
    }
}
