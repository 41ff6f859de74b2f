namespace Marketplace.Reports.Layout;

public enum TextAlign
{
    Left,
    Center,
    Right,
}
