namespace Marketplace.Reports.Layout;

/// <summary>The drawing instructions of one page, in paint order.</summary>
public sealed class LaidOutPage
{
    private readonly List<DrawOp> _ops = [];

    public IReadOnlyList<DrawOp> Ops => _ops;

    public void Add(DrawOp op) => _ops.Add(op);
}
