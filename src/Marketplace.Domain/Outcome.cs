using System.Collections.Immutable;

namespace Marketplace.Domain;

/// <summary>A rule broken by a command, with the form field it belongs to ("" = the whole form).</summary>
[GenerateSerializer, Immutable, Alias("marketplace.FieldError")]
public sealed record FieldError([property: Id(0)] string Field, [property: Id(1)] string Message);

/// <summary>
/// What a grain command returns: success, or the broken rules in Chinese for the page to show next to
/// each field. Rule violations are expected results, not exceptions.
/// </summary>
[GenerateSerializer, Immutable, Alias("marketplace.Outcome")]
public sealed record Outcome([property: Id(0)] ImmutableArray<FieldError> Errors)
{
    public bool Succeeded => Errors.IsDefaultOrEmpty;

    public static Outcome Ok { get; } = new(ImmutableArray<FieldError>.Empty);

    public static Outcome Fail(string field, string message) => new([new FieldError(field, message)]);

    public static Outcome Fail(IEnumerable<FieldError> errors) => new([.. errors]);
}

/// <summary>An <see cref="Outcome"/> carrying a value on success.</summary>
[GenerateSerializer, Immutable, Alias("marketplace.Outcome`1")]
public sealed record Outcome<T>([property: Id(0)] ImmutableArray<FieldError> Errors, [property: Id(1)] T? Value)
{
    public bool Succeeded => Errors.IsDefaultOrEmpty;

    public static Outcome<T> Ok(T value) => new(ImmutableArray<FieldError>.Empty, value);

    public static Outcome<T> Fail(string field, string message) => new([new FieldError(field, message)], default);

    public static Outcome<T> Fail(ImmutableArray<FieldError> errors) => new(errors, default);
}
