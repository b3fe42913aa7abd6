namespace CanaryFlow.Core.Expressions;

/// <summary><c>list[i]</c>, <c>map["key"]</c> and <c>map.key</c>.</summary>
internal static class Access
{
    /// <summary>
    /// A list index is a whole number; a negative one counts from the end (<c>result[-1]</c> is the last element).
    /// Past either end is an <see cref="ExpressionErrorKind.IndexOutOfRange"/> error, which <c>default</c> catches:
    /// an empty vector has no <c>result[0]</c>, and that must never read as a value.
    /// </summary>
    public static ExpressionValue Index(ExpressionValue target, ExpressionValue key, EvaluationContext context, int index)
    {
        if (target.Kind == ExpressionValueKind.Map)
        {
            return Coercion.TryString(key, out var name)
                ? Field(target, name, context, index)
                : throw context.TypeMismatch(index, "'[]'", $"indexes a map with a string, got {Coercion.Describe(key)}");
        }

        if (target.Kind != ExpressionValueKind.List)
        {
            throw context.TypeMismatch(index, "'[]'", $"indexes a list or a map, got {ValueFormatter.Describe(target)}");
        }

        if (!Coercion.TryNumber(key, out var number))
        {
            throw context.TypeMismatch(index, "'[]'", $"indexes a list with a number, got {Coercion.Describe(key)}");
        }

        if (!double.IsInteger(number))
        {
            throw context.Error(ExpressionErrorKind.InvalidArgument, index, "'[]'", $"indexes a list with a whole number, got {NumberText.Format(number)}");
        }

        var count = target.Items.Length;
        var position = number < 0 ? number + count : number;
        if (position < 0 || position >= count)
        {
            throw context.Error(ExpressionErrorKind.IndexOutOfRange, index, $"index {NumberText.Format(number)}", $"is out of range for {ValueFormatter.Describe(target)} of {count} element{(count == 1 ? "" : "s")}");
        }

        return target.Items[(int)position];
    }

    public static ExpressionValue Member(ExpressionValue target, string name, EvaluationContext context, int index) =>
        target.Kind == ExpressionValueKind.Map
            ? Field(target, name, context, index)
            : throw context.TypeMismatch(index, $"'.{name}'", $"reads a field of a map, got {ValueFormatter.Describe(target)}");

    private static ExpressionValue Field(ExpressionValue map, string name, EvaluationContext context, int index) =>
        map.Fields.TryGetValue(name, out var value)
            ? value
            : throw context.Error(ExpressionErrorKind.MissingField, index, $"field {ValueFormatter.Quote(name)}", $"is not in {ValueFormatter.Describe(map)}");
}
