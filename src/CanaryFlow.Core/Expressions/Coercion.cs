using System.Diagnostics.CodeAnalysis;

namespace CanaryFlow.Core.Expressions;

/// <summary>
/// The one implicit conversion of the language: a list of exactly one element stands for that element wherever a
/// single value is needed (arithmetic, comparison, numeric functions). Prometheus gives an instant vector as a list,
/// and Argo users write both <c>result[0] &lt; 0.01</c> and <c>result &lt; 0.01</c> for a one-series query. A list
/// of any other length is not silently reduced: that is a type error, never a pass.
/// </summary>
internal static class Coercion
{
    public static ExpressionValue Unwrap(ExpressionValue value) =>
        value.Kind == ExpressionValueKind.List && value.Items.Length == 1 ? value.Items[0] : value;

    public static bool TryNumber(ExpressionValue value, out double number)
    {
        var single = Unwrap(value);
        if (single.Kind == ExpressionValueKind.Number)
        {
            number = single.AsNumber();
            return true;
        }

        number = 0;
        return false;
    }

    public static bool TryString(ExpressionValue value, [NotNullWhen(true)] out string? text)
    {
        var single = Unwrap(value);
        text = single.Kind == ExpressionValueKind.String ? single.AsString() : null;
        return text is not null;
    }

    /// <summary>
    /// Whether a value counts as absent for <c>default</c>: nil, NaN (Prometheus' "no value"), an empty list, or a
    /// one-element list holding one of those.
    /// </summary>
    public static bool IsAbsent(ExpressionValue value) => value.Kind switch
    {
        ExpressionValueKind.Nil => true,
        ExpressionValueKind.Number => double.IsNaN(value.AsNumber()),
        ExpressionValueKind.List => value.Items.Length == 0 || (value.Items.Length == 1 && IsAbsent(value.Items[0])),
        _ => false,
    };

    /// <summary>Names a value in a type error, with a hint when a list was used where one value was needed.</summary>
    public static string Describe(ExpressionValue value) =>
        value.Kind == ExpressionValueKind.List && value.Items.Length != 1
            ? $"{ValueFormatter.Describe(value)} (a list stands for its element only when it has exactly one)"
            : ValueFormatter.Describe(value);
}
