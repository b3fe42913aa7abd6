using System.Collections.Immutable;

namespace CanaryFlow.Core.Expressions;

/// <summary>
/// A value in a condition expression: a number (a double, NaN and ±Inf included, as Prometheus has them), a string,
/// a bool, nil, a list or a map with string keys. Immutable. <see cref="FromMetricData"/> gives the <c>result</c>
/// of a measurement: a Prometheus scalar as a number, an instant vector as a list of numbers
/// (<see cref="FromNumbers"/>), a web provider's JSON through <see cref="FromJson"/>.
/// </summary>
/// <remarks>
/// <see cref="Equals(ExpressionValue?)"/> is structural equality for C# code and tests (NaN equals NaN there, as with
/// <see cref="double.Equals(double)"/>); the language's own <c>==</c> follows IEEE and is in the evaluator.
/// </remarks>
public sealed partial class ExpressionValue
{
    /// <summary>
    /// How deeply lists and maps may nest. Keeps the recursive formatting and comparison of values far from the
    /// stack's end whatever a provider hands in (JSON parsers stop at 64 by default).
    /// </summary>
    public const int MaxNestingDepth = 256;

    private static readonly ExpressionValue _true = new(ExpressionValueKind.Bool, boolean: true);
    private static readonly ExpressionValue _false = new(ExpressionValueKind.Bool, boolean: false);

    private readonly double _number;
    private readonly bool _boolean;
    private readonly string? _string;
    private readonly ImmutableArray<ExpressionValue> _list;
    private readonly ImmutableSortedDictionary<string, ExpressionValue>? _map;

    private ExpressionValue(
        ExpressionValueKind kind,
        double number = 0,
        bool boolean = false,
        string? text = null,
        ImmutableArray<ExpressionValue> list = default,
        ImmutableSortedDictionary<string, ExpressionValue>? map = null)
    {
        Kind = kind;
        _number = number;
        _boolean = boolean;
        _string = text;
        _list = list;
        _map = map;
        Depth = kind switch
        {
            ExpressionValueKind.List => 1 + (list.IsEmpty ? 0 : list.Max(item => item.Depth)),
            ExpressionValueKind.Map => 1 + (map!.Count == 0 ? 0 : map.Values.Max(item => item.Depth)),
            _ => 0,
        };
    }

    public static ExpressionValue Nil { get; } = new(ExpressionValueKind.Nil);

    public ExpressionValueKind Kind { get; }

    public bool IsNil => Kind == ExpressionValueKind.Nil;

    /// <summary>0 for a scalar, 1 for a list or map of scalars, and so on.</summary>
    internal int Depth { get; }

    public static ExpressionValue FromNumber(double value) => new(ExpressionValueKind.Number, number: value);

    public static ExpressionValue FromBool(bool value) => value ? _true : _false;

    public static ExpressionValue FromString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new ExpressionValue(ExpressionValueKind.String, text: value);
    }

    public static ExpressionValue FromList(params IEnumerable<ExpressionValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToImmutableArray();
        foreach (var item in list)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
        }

        return CheckDepth(new ExpressionValue(ExpressionValueKind.List, list: list));
    }

    /// <summary>A list of numbers, such as the sample values of a Prometheus instant vector.</summary>
    public static ExpressionValue FromNumbers(params IEnumerable<double> numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        return new ExpressionValue(ExpressionValueKind.List, list: [.. numbers.Select(FromNumber)]);
    }

    /// <exception cref="ArgumentException">A key appears twice.</exception>
    public static ExpressionValue FromMap(IEnumerable<KeyValuePair<string, ExpressionValue>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var builder = ImmutableSortedDictionary.CreateBuilder<string, ExpressionValue>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(fields));
            ArgumentNullException.ThrowIfNull(value, nameof(fields));
            if (!builder.TryAdd(key, value))
            {
                throw new ArgumentException($"The key \"{key}\" appears twice.", nameof(fields));
            }
        }

        return CheckDepth(new ExpressionValue(ExpressionValueKind.Map, map: builder.ToImmutable()));
    }

    /// <exception cref="InvalidOperationException">The value is not a number.</exception>
    public double AsNumber() => Kind == ExpressionValueKind.Number ? _number : throw WrongKind(ExpressionValueKind.Number);

    /// <exception cref="InvalidOperationException">The value is not a bool.</exception>
    public bool AsBool() => Kind == ExpressionValueKind.Bool ? _boolean : throw WrongKind(ExpressionValueKind.Bool);

    /// <exception cref="InvalidOperationException">The value is not a string.</exception>
    public string AsString() => Kind == ExpressionValueKind.String ? _string! : throw WrongKind(ExpressionValueKind.String);

    /// <exception cref="InvalidOperationException">The value is not a list.</exception>
    public IReadOnlyList<ExpressionValue> AsList() => Kind == ExpressionValueKind.List ? _list : throw WrongKind(ExpressionValueKind.List);

    /// <summary>The fields in ordinal key order.</summary>
    /// <exception cref="InvalidOperationException">The value is not a map.</exception>
    public IReadOnlyDictionary<string, ExpressionValue> AsMap() => Kind == ExpressionValueKind.Map ? _map! : throw WrongKind(ExpressionValueKind.Map);

    /// <summary>The value as a person reads it, e.g. <c>[0.91]</c>, <c>0.91</c>, <c>NaN</c>, <c>"ok"</c>; big values are abbreviated.</summary>
    public override string ToString() => ValueFormatter.Format(this);

    // The evaluator's own constructors: it has checked its inputs, and its lists nest at most
    // ConditionExpression.MaxNestingDepth deeper than the values it was given.
    internal static ExpressionValue ListOf(ImmutableArray<ExpressionValue> items) => new(ExpressionValueKind.List, list: items);

    internal ImmutableArray<ExpressionValue> Items => _list;

    internal ImmutableSortedDictionary<string, ExpressionValue> Fields => _map!;

    private static ExpressionValue CheckDepth(ExpressionValue value) =>
        value.Depth <= MaxNestingDepth
            ? value
            : throw new ArgumentException($"Lists and maps may nest at most {MaxNestingDepth} deep.");

    private InvalidOperationException WrongKind(ExpressionValueKind wanted) =>
        new($"The value is a {Kind.ToString().ToLowerInvariant()}, not a {wanted.ToString().ToLowerInvariant()}: {this}");
}
