namespace Marketplace.Reports.Layout;

/// <summary>A piece of a document (table, chart, box) that lays itself out at the builder's cursor.</summary>
public interface IBlock
{
    void Render(DocumentBuilder builder);
}
