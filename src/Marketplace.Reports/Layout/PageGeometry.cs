namespace Marketplace.Reports.Layout;

/// <summary>A4 portrait in PDF points (1/72 inch), with room above and below for the running header and footer.</summary>
public static class PageGeometry
{
    public const float Width = 595.28f;
    public const float Height = 841.89f;
    public const float Left = 48f;
    public const float Right = Width - 48f;
    public const float ContentTop = 74f;
    public const float ContentBottom = Height - 62f;
    public const float HeaderBaseline = 40f;
    public const float HeaderRule = 50f;
    public const float FooterRule = Height - 46f;
    public const float FooterBaseline = Height - 30f;

    public const float ContentWidth = Right - Left;
    public const float ContentHeight = ContentBottom - ContentTop;
}
