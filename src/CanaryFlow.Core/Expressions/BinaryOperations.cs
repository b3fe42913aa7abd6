namespace CanaryFlow.Core.Expressions;

/// <summary>
/// What the binary operators other than <c>&amp;&amp;</c> and <c>||</c> do with two values. Numbers follow IEEE
/// 754 as Prometheus does: <c>1/0</c> is +Inf, <c>0/0</c> and <c>x % 0</c> are NaN, and every comparison with NaN
/// is false except <c>!=</c>, which is true.
/// </summary>
internal static class BinaryOperations
{
    public static ExpressionValue Apply(BinaryOperator op, ExpressionValue left, ExpressionValue right, EvaluationContext context, int index) => op switch
    {
        BinaryOperator.Equal => ExpressionValue.FromBool(AreEqual(left, right, context, index)),
        BinaryOperator.NotEqual => ExpressionValue.FromBool(!AreEqual(left, right, context, index)),
        BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual =>
            ExpressionValue.FromBool(Compare(op, left, right, context, index)),
        BinaryOperator.In => ExpressionValue.FromBool(Contains(right, left, context, index)),
        BinaryOperator.Add when Coercion.TryString(left, out var leftText) && Coercion.TryString(right, out var rightText) =>
            Concatenate(leftText, rightText, context, index),
        _ => ExpressionValue.FromNumber(Arithmetic(op, left, right, context, index)),
    };

    /// <summary>
    /// The language's <c>==</c>: nil equals only nil and may be compared with anything; numbers by IEEE (NaN is
    /// unequal to everything); strings ordinally; lists and maps element by element. Values of different kinds are a
    /// type error rather than unequal, so that <c>result == "1"</c> against a number fails loudly instead of never
    /// matching.
    /// </summary>
    public static bool AreEqual(ExpressionValue left, ExpressionValue right, EvaluationContext context, int index)
    {
        if (left.IsNil || right.IsNil)
        {
            return left.IsNil && right.IsNil;
        }

        if (left.Kind == right.Kind && left.Kind is ExpressionValueKind.List or ExpressionValueKind.Map)
        {
            return CollectionsEqual(left, right, context, index);
        }

        var (a, b) = (Coercion.Unwrap(left), Coercion.Unwrap(right));
        if (a.IsNil || b.IsNil)
        {
            return a.IsNil && b.IsNil;
        }

        if (a.Kind != b.Kind || a.Kind == ExpressionValueKind.List)
        {
            throw context.TypeMismatch(index, "'=='", $"cannot compare {Coercion.Describe(left)} with {Coercion.Describe(right)}");
        }

        return a.Kind switch
        {
            ExpressionValueKind.Number => a.AsNumber() == b.AsNumber(),
            ExpressionValueKind.Bool => a.AsBool() == b.AsBool(),
            ExpressionValueKind.String => CompareStrings(a.AsString(), b.AsString(), context, index) == 0,
            _ => CollectionsEqual(a, b, context, index),
        };
    }

    private static bool CollectionsEqual(ExpressionValue left, ExpressionValue right, EvaluationContext context, int index)
    {
        if (left.Kind == ExpressionValueKind.List)
        {
            if (left.Items.Length != right.Items.Length)
            {
                return false;
            }

            for (var i = 0; i < left.Items.Length; i++)
            {
                context.Charge(index);
                if (!AreEqual(left.Items[i], right.Items[i], context, index))
                {
                    return false;
                }
            }

            return true;
        }

        if (left.Fields.Count != right.Fields.Count)
        {
            return false;
        }

        foreach (var (key, value) in left.Fields)
        {
            context.Charge(index);
            if (!right.Fields.TryGetValue(key, out var other) || !AreEqual(value, other, context, index))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Compare(BinaryOperator op, ExpressionValue left, ExpressionValue right, EvaluationContext context, int index)
    {
        int order;
        if (Coercion.TryNumber(left, out var a) && Coercion.TryNumber(right, out var b))
        {
            // Written out rather than through CompareTo, which orders NaN first instead of making every comparison false.
            return op switch
            {
                BinaryOperator.Less => a < b,
                BinaryOperator.LessOrEqual => a <= b,
                BinaryOperator.Greater => a > b,
                _ => a >= b,
            };
        }
        else if (Coercion.TryString(left, out var x) && Coercion.TryString(right, out var y))
        {
            order = CompareStrings(x, y, context, index);
        }
        else
        {
            throw context.TypeMismatch(index, $"'{Precedence.Symbol(op)}'", $"compares two numbers or two strings, got {Coercion.Describe(left)} and {Coercion.Describe(right)}");
        }

        return op switch
        {
            BinaryOperator.Less => order < 0,
            BinaryOperator.LessOrEqual => order <= 0,
            BinaryOperator.Greater => order > 0,
            _ => order >= 0,
        };
    }

    private static int CompareStrings(string a, string b, EvaluationContext context, int index)
    {
        context.ChargeForLength(index, Math.Min(a.Length, b.Length));
        return string.CompareOrdinal(a, b);
    }

    // "x in list" is true when an element == x (same rules, same errors); "key in map" when the map has the key.
    private static bool Contains(ExpressionValue container, ExpressionValue item, EvaluationContext context, int index)
    {
        if (container.Kind == ExpressionValueKind.Map)
        {
            return Coercion.TryString(item, out var key)
                ? container.Fields.ContainsKey(key)
                : throw context.TypeMismatch(index, "'in'", $"looks up a string key in a map, got {Coercion.Describe(item)}");
        }

        if (container.Kind != ExpressionValueKind.List)
        {
            throw context.TypeMismatch(index, "'in'", $"looks in a list or a map, got {ValueFormatter.Describe(container)}");
        }

        foreach (var element in container.Items)
        {
            context.Charge(index);
            if (AreEqual(item, element, context, index))
            {
                return true;
            }
        }

        return false;
    }

    private static ExpressionValue Concatenate(string left, string right, EvaluationContext context, int index)
    {
        var length = (long)left.Length + right.Length;
        if (length > context.Limits.MaxStringLength)
        {
            throw context.Error(ExpressionErrorKind.LimitExceeded, index, "'+'", $"would build a string of {length} characters, the limit is {context.Limits.MaxStringLength}");
        }

        context.ChargeForLength(index, (int)length);
        return ExpressionValue.FromString(left + right);
    }

    private static double Arithmetic(BinaryOperator op, ExpressionValue left, ExpressionValue right, EvaluationContext context, int index)
    {
        if (!Coercion.TryNumber(left, out var a) || !Coercion.TryNumber(right, out var b))
        {
            var needs = op == BinaryOperator.Add ? "adds two numbers or joins two strings" : "needs two numbers";
            throw context.TypeMismatch(index, $"'{Precedence.Symbol(op)}'", $"{needs}, got {Coercion.Describe(left)} and {Coercion.Describe(right)}");
        }

        return op switch
        {
            BinaryOperator.Add => a + b,
            BinaryOperator.Subtract => a - b,
            BinaryOperator.Multiply => a * b,
            BinaryOperator.Divide => a / b,
            // C#'s % on doubles is IEEE fmod with the sign of the dividend, like Go's math.Mod (what PromQL uses).
            BinaryOperator.Remainder => a % b,
            _ => Math.Pow(a, b),
        };
    }
}
