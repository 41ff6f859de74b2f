using System.Collections.Immutable;
using Marketplace.Domain;

namespace Marketplace.Tendering;

/// <summary>
/// The buying street's official acting on a tender: the caller's street (from the sign-in, never the request)
/// and display name travel with the command, so the grain refuses another street's command itself and the
/// page sends one call per POST instead of reading the tender first (issue 10 item 5, ADR 0008).
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.StreetCaller")]
public sealed record StreetCaller([property: Id(0)] long StreetId, [property: Id(1)] string User);

/// <summary>One of the street's tender actions; the grain's own checks decide, the page only parses.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.StreetTenderCommand")]
public abstract record StreetTenderCommand
{
    /// <param name="ExpectedVersion">The version the official saw; null (a form without it) acts on the current one.</param>
    [GenerateSerializer, Immutable, Alias("marketplace.StreetTenderCommand.Publish")]
    public sealed record Publish([property: Id(0)] int? ExpectedVersion) : StreetTenderCommand;

    /// <summary>The edited notice; its catalog item and provider types are the tender's own (never changed by an edit).</summary>
    [GenerateSerializer, Immutable, Alias("marketplace.StreetTenderCommand.UpdateNotice")]
    public sealed record UpdateNotice([property: Id(0)] int? ExpectedVersion, [property: Id(1)] TenderNotice Notice) : StreetTenderCommand;

    [GenerateSerializer, Immutable, Alias("marketplace.StreetTenderCommand.Cancel")]
    public sealed record Cancel([property: Id(0)] string Reason) : StreetTenderCommand;

    /// <summary>截止报名 by hand: refused before the deadline.</summary>
    [GenerateSerializer, Immutable, Alias("marketplace.StreetTenderCommand.Close")]
    public sealed record Close : StreetTenderCommand;

    /// <param name="Size">The 评审小组人数 as typed; checked once registration has closed (before, the status is the reason).</param>
    [GenerateSerializer, Immutable, Alias("marketplace.StreetTenderCommand.RequestPanel")]
    public sealed record RequestPanel([property: Id(0)] string? Size) : StreetTenderCommand;

    [GenerateSerializer, Immutable, Alias("marketplace.StreetTenderCommand.ReplaceMember")]
    public sealed record ReplaceMember([property: Id(0)] Guid ExpertId, [property: Id(1)] string? Reason) : StreetTenderCommand;

    [GenerateSerializer, Immutable, Alias("marketplace.StreetTenderCommand.RedrawPanel")]
    public sealed record RedrawPanel : StreetTenderCommand;

    [GenerateSerializer, Immutable, Alias("marketplace.StreetTenderCommand.ConfirmAward")]
    public sealed record ConfirmAward([property: Id(0)] string Uscc, [property: Id(1)] string? NotTopReason) : StreetTenderCommand;

    [GenerateSerializer, Immutable, Alias("marketplace.StreetTenderCommand.Rerun")]
    public sealed record Rerun([property: Id(0)] Guid NewTenderId) : StreetTenderCommand;

    /// <param name="Price">The 成交价格 as typed; checked for a failed purchase only (otherwise the status is the reason).</param>
    [GenerateSerializer, Immutable, Alias("marketplace.StreetTenderCommand.SwitchToSingleSource")]
    public sealed record SwitchToSingleSource([property: Id(0)] string Uscc, [property: Id(1)] string? Price, [property: Id(2)] string Reason) : StreetTenderCommand;

    [GenerateSerializer, Immutable, Alias("marketplace.StreetTenderCommand.AnswerObjection")]
    public sealed record AnswerObjection([property: Id(0)] Guid ObjectionId, [property: Id(1)] string Answer) : StreetTenderCommand;
}

/// <summary>What a street command returns: not found (no such tender, or another street's: the page answers 404), or the outcome.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.StreetCommandResult")]
public sealed record StreetCommandResult([property: Id(0)] bool NotFound, [property: Id(1)] ImmutableArray<FieldError> Errors)
{
    public bool Succeeded => !NotFound && Errors.IsDefaultOrEmpty;

    public static StreetCommandResult Missing { get; } = new(true, []);

    public static StreetCommandResult Of(ImmutableArray<FieldError> errors) => new(false, errors.IsDefault ? [] : errors);
}
