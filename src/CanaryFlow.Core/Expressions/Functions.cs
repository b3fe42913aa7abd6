using System.Diagnostics;

namespace CanaryFlow.Core.Expressions;

/// <summary>
/// The functions whose arguments are all evaluated first. <c>default</c> and the list functions that take a
/// predicate control the evaluation of their arguments, so they are in <see cref="Evaluator"/>.
/// </summary>
internal static class Functions
{
    public static ExpressionValue Call(string name, IReadOnlyList<ExpressionValue> arguments, EvaluationContext context, int index) => name switch
    {
        "len" => Length(arguments[0], context, index),
        "isNaN" => ExpressionValue.FromBool(double.IsNaN(Number(name, arguments[0], context, index))),
        "isNil" => ExpressionValue.FromBool(arguments[0].IsNil),
        "isInf" => ExpressionValue.FromBool(double.IsInfinity(Number(name, arguments[0], context, index))),
        "abs" => ExpressionValue.FromNumber(Math.Abs(Number(name, arguments[0], context, index))),
        "asFloat" => ExpressionValue.FromNumber(AsFloat(name, arguments[0], context, index)),
        "asInt" => ExpressionValue.FromNumber(AsInt(arguments[0], context, index)),
        // Math.Min and Math.Max return NaN when either side is NaN, so a NaN sample is never hidden by the others.
        "min" => ExpressionValue.FromNumber(Numbers(name, arguments, context, index).Aggregate(Math.Min)),
        "max" => ExpressionValue.FromNumber(Numbers(name, arguments, context, index).Aggregate(Math.Max)),
        "sum" => ExpressionValue.FromNumber(Numbers(name, arguments, context, index, allowEmpty: true).Sum()),
        "mean" => ExpressionValue.FromNumber(Numbers(name, arguments, context, index).Average()),
        _ => throw new UnreachableException($"The parser let through the unknown function '{name}'."),
    };

    // Elements of a list, characters of a string (Unicode code points, as Go's expr counts them), fields of a map.
    private static ExpressionValue Length(ExpressionValue value, EvaluationContext context, int index)
    {
        switch (value.Kind)
        {
            case ExpressionValueKind.List:
                return ExpressionValue.FromNumber(value.Items.Length);
            case ExpressionValueKind.Map:
                return ExpressionValue.FromNumber(value.Fields.Count);
            case ExpressionValueKind.String:
                var text = value.AsString();
                context.ChargeForLength(index, text.Length);
                return ExpressionValue.FromNumber(text.EnumerateRunes().Count());
            default:
                throw context.TypeMismatch(index, "'len'", $"takes a list, a string or a map, got {ValueFormatter.Describe(value)}");
        }
    }

    private static double Number(string name, ExpressionValue value, EvaluationContext context, int index) =>
        Coercion.TryNumber(value, out var number)
            ? number
            : throw context.TypeMismatch(index, $"'{name}'", $"takes a number, got {Coercion.Describe(value)}");

    private static double AsFloat(string name, ExpressionValue value, EvaluationContext context, int index)
    {
        if (Coercion.TryNumber(value, out var number))
        {
            return number;
        }

        if (!Coercion.TryString(value, out var text))
        {
            throw context.TypeMismatch(index, $"'{name}'", $"takes a number or a string, got {Coercion.Describe(value)}");
        }

        context.ChargeForLength(index, text.Length);
        return NumberText.TryParse(text, out number)
            ? number
            : throw context.Error(ExpressionErrorKind.InvalidArgument, index, $"'{name}'", $"cannot read {ValueFormatter.Describe(ExpressionValue.FromString(text))} as a number");
    }

    // Truncates toward zero, like Go's int(x); NaN and infinities have no integer to give.
    private static double AsInt(ExpressionValue value, EvaluationContext context, int index)
    {
        var number = AsFloat("asInt", value, context, index);
        return double.IsFinite(number)
            ? Math.Truncate(number)
            : throw context.Error(ExpressionErrorKind.InvalidArgument, index, "'asInt'", $"has no integer for {NumberText.Format(number)}");
    }

    /// <summary>
    /// The numbers an aggregate works on: the elements of a single list argument, a single number as itself (a
    /// Prometheus scalar), or several number arguments (<c>max(a, b)</c>). One step per element.
    /// </summary>
    private static List<double> Numbers(string name, IReadOnlyList<ExpressionValue> arguments, EvaluationContext context, int index, bool allowEmpty = false)
    {
        var values = arguments.Count == 1 && arguments[0].Kind == ExpressionValueKind.List ? arguments[0].Items : [.. arguments];
        // Not sized from the list: a provider's list may be far longer than the step budget lets this loop go.
        var numbers = new List<double>();
        foreach (var value in values)
        {
            context.Charge(index);
            numbers.Add(Coercion.TryNumber(value, out var number)
                ? number
                : throw context.TypeMismatch(index, $"'{name}'", $"works on numbers, got {Coercion.Describe(value)}"));
        }

        return numbers.Count > 0 || allowEmpty
            ? numbers
            : throw context.Error(ExpressionErrorKind.EmptyList, index, $"'{name}'", "got an empty list");
    }
}
