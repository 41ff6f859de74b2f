using SkiaSharp;

namespace Marketplace.Reports.Layout;

/// <summary>
/// One drawing instruction on a laid-out page. Layout produces these first and painting happens afterwards,
/// so the page count is known before footers ("第 X 页 / 共 Y 页") are written and the font can be subset
/// to exactly the characters the pages use.
/// </summary>
public abstract record DrawOp;

/// <summary>Text whose baseline starts at (<paramref name="X"/>, <paramref name="Y"/>), left-aligned.</summary>
public sealed record TextOp(float X, float Y, string Text, float Size, SKColor Color) : DrawOp;

public sealed record RectOp(SKRect Rect, SKColor? Fill, SKColor? Stroke, float StrokeWidth = 0.5f) : DrawOp;

public sealed record LineOp(float X0, float Y0, float X1, float Y1, SKColor Color, float Width = 0.5f, bool Dashed = false) : DrawOp;
