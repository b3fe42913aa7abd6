using CanaryFlow.Core.Expressions;

namespace CanaryFlow.Core.Tests.Expressions;

/// <summary>Variables for the tests, and values written in the expression language itself.</summary>
internal static class Values
{
    private static readonly Dictionary<string, ExpressionValue> _specials = new()
    {
        ["NaN"] = ExpressionValue.FromNumber(double.NaN),
        ["Inf"] = ExpressionValue.FromNumber(double.PositiveInfinity),
    };

    /// <summary>The variables of the semantics table: one of each shape a provider can hand in.</summary>
    public static IReadOnlyDictionary<string, ExpressionValue> Environment { get; } = new Dictionary<string, ExpressionValue>
    {
        ["one"] = ExpressionValue.FromNumbers(0.5),
        ["three"] = ExpressionValue.FromNumbers(0.1, 0.2, 0.3),
        ["empty"] = ExpressionValue.FromList(),
        ["nan"] = ExpressionValue.FromNumber(double.NaN),
        ["nanv"] = ExpressionValue.FromNumbers(double.NaN),
        ["inf"] = ExpressionValue.FromNumber(double.PositiveInfinity),
        ["s"] = ExpressionValue.FromString("abc"),
        ["num"] = ExpressionValue.FromString("1.5"),
        ["n"] = ExpressionValue.Nil,
        ["t"] = ExpressionValue.FromBool(true),
        ["m"] = ExpressionValue.FromMap(new Dictionary<string, ExpressionValue>
        {
            ["a"] = ExpressionValue.FromNumber(1),
            ["b"] = ExpressionValue.FromString("x"),
            ["nested"] = ExpressionValue.FromMap([new("c", ExpressionValue.FromNumbers(1, 2))]),
            ["with space"] = ExpressionValue.FromBool(true),
        }),
    };

    /// <summary>
    /// A value written as an expression (<c>[0.96]</c>, <c>'1.5'</c>, <c>nil</c>), with <c>NaN</c> and <c>Inf</c>
    /// as names, so that tables and docs can give a variable's value as text.
    /// </summary>
    public static ExpressionValue Read(string text) => ConditionExpression.Parse(text).Evaluate(_specials);

    public static IReadOnlyDictionary<string, ExpressionValue> Result(ExpressionValue result) =>
        new Dictionary<string, ExpressionValue> { ["result"] = result };

    /// <summary>The value's text, or <c>!Kind</c> for an evaluation error, so that one table column holds both.</summary>
    public static string Outcome(string expression, IReadOnlyDictionary<string, ExpressionValue> variables)
    {
        try
        {
            return ConditionExpression.Parse(expression).Evaluate(variables).ToString();
        }
        catch (ExpressionEvaluationException error)
        {
            return $"!{error.Kind}";
        }
    }
}
