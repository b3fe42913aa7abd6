using CanaryFlow.Core.Expressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CanaryFlow.Core.Tests.Expressions;

/// <summary>
/// Properties of the language over random numbers and random trees. FsCheck prints the failing case and a Replay
/// seed; put the seed in <c>[Property(Replay = "...")]</c> to reproduce it.
/// </summary>
public class ExpressionPropertyTests
{
    private static readonly string[] _arithmetic = ["+", "-", "*", "/", "%", "**"];
    private static readonly string[] _comparisons = ["<", "<=", ">", ">=", "==", "!="];

    [Property(MaxTest = 2000)]
    public Property Arithmetic_agrees_with_CSharp_doubles() =>
        Prop.ForAll(Doubles(), Doubles(), Gen.Elements(_arithmetic).ToArbitrary(), (a, b, op) =>
        {
            double expected = op switch
            {
                "+" => a + b,
                "-" => a - b,
                "*" => a * b,
                "/" => a / b,
                "%" => a % b,
                _ => Math.Pow(a, b),
            };

            AssertSameDouble(expected, Evaluate($"a {op} b", a, b), $"{a} {op} {b}");
            // A one-element vector on either side gives the same number.
            AssertSameDouble(expected, Evaluate($"va {op} b", a, b), $"[{a}] {op} {b}");
            AssertSameDouble(expected, Evaluate($"a {op} vb", a, b), $"{a} {op} [{b}]");
        });

    [Property(MaxTest = 2000)]
    public Property Comparisons_agree_with_CSharp_doubles() =>
        Prop.ForAll(Doubles(), Doubles(), Gen.Elements(_comparisons).ToArbitrary(), (a, b, op) =>
        {
            var expected = op switch
            {
                "<" => a < b,
                "<=" => a <= b,
                ">" => a > b,
                ">=" => a >= b,
                "==" => a == b,
                _ => a != b,
            };

            Assert.Equal(expected, ConditionExpression.Parse($"a {op} b").EvaluateCondition(Variables(a, b)));
            Assert.Equal(expected, ConditionExpression.Parse($"va {op} vb").EvaluateCondition(Variables(a, b)));
        });

    [Property(MaxTest = 2000)]
    public Property Number_literals_read_back_exactly() =>
        Prop.ForAll(Doubles(), value =>
        {
            if (!double.IsFinite(value))
            {
                return;
            }

            // The lexer reads unsigned literals; a leading '-' is negation, which is exact.
            var text = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            AssertSameDouble(value, ConditionExpression.Parse(text).Evaluate(Values.Environment).AsNumber(), text);
            AssertSameDouble(value, ConditionExpression.Parse(text.ToLowerInvariant()).Evaluate(Values.Environment).AsNumber(), text);
        });

    [Property(MaxTest = 3000)]
    public Property Printing_then_parsing_a_random_tree_gives_the_same_tree() =>
        Prop.ForAll(AstGenerators.Any().ToArbitrary(), tree =>
        {
            var text = ExpressionPrinter.Print(tree);

            var parsed = ConditionExpression.Parse(text).Root;

            Assert.Equal(AstShape.Of(tree), AstShape.Of(parsed));
            Assert.Equal(text, ExpressionPrinter.Print(parsed));
        });

    [Theory]
    [InlineData("1e400", "1e999")]
    [InlineData("-1e400 < 1e308", "-1e999 < 1e+308")]
    [InlineData("'a\\tb' + \"\\n\"", "\"a\\tb\" + \"\\n\"")]
    [InlineData("a and b or not c", "a && b || !c")]
    [InlineData("((1 + 2)) * 3", "(1 + 2) * 3")]
    [InlineData("-(2 ** 2)", "-2 ** 2")]
    [InlineData("(-2) ** 2", "(-2) ** 2")]
    [InlineData("all(x, {# in [1, 2]})", "all(x, {# in [1, 2]})")]
    public void Parsed_text_prints_with_the_fewest_parentheses_and_reads_back(string text, string printed)
    {
        var tree = ConditionExpression.Parse(text).Root;

        Assert.Equal(printed, ExpressionPrinter.Print(tree));
        Assert.Equal(AstShape.Of(tree), AstShape.Of(ConditionExpression.Parse(printed).Root));
    }

    [Property(MaxTest = 3000)]
    public Property Random_trees_fail_only_with_ExpressionException() =>
        Prop.ForAll(AstGenerators.Any().ToArbitrary(), tree =>
        {
            var text = ExpressionPrinter.Print(tree);
            var expression = ConditionExpression.Parse(text);
            var context = new EvaluationContext(text, new ExpressionLimits { MaxSteps = 5_000 });
            try
            {
                var value = expression.Evaluate(AstGenerators.Variables, context);
                Assert.NotNull(value.ToString());
            }
            catch (ExpressionEvaluationException error)
            {
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
                Assert.InRange(error.Position.Index, 0, text.Length);
            }

            Assert.InRange(context.Steps, 1, 5_000);
        });

    [Property(MaxTest = 3000)]
    public Property Well_typed_conditions_always_evaluate_to_a_bool() =>
        Prop.ForAll(AstGenerators.Condition().ToArbitrary(), tree =>
        {
            var text = ExpressionPrinter.Print(tree);

            var value = ConditionExpression.Parse(text).Evaluate(AstGenerators.NumberVariables);

            Assert.Equal(ExpressionValueKind.Bool, value.Kind);
        });

    [Property(MaxTest = 3000)]
    public Property Well_typed_number_expressions_always_evaluate_to_a_number() =>
        Prop.ForAll(AstGenerators.Number().ToArbitrary(), tree =>
        {
            var text = ExpressionPrinter.Print(tree);

            var value = ConditionExpression.Parse(text).Evaluate(AstGenerators.NumberVariables);

            // A number, or a one-element vector standing for one (z is [-2.5]).
            var single = value.Kind == ExpressionValueKind.List ? Assert.Single(value.AsList()) : value;
            Assert.Equal(ExpressionValueKind.Number, single.Kind);
        });

    [Property(MaxTest = 1000)]
    public Property The_step_budget_is_exact() =>
        Prop.ForAll(AstGenerators.Any().ToArbitrary(), tree =>
        {
            var text = ExpressionPrinter.Print(tree);
            var expression = ConditionExpression.Parse(text);
            var measured = new EvaluationContext(text, ExpressionLimits.Default);
            try
            {
                expression.Evaluate(AstGenerators.Variables, measured);
            }
            catch (ExpressionEvaluationException)
            {
                return;
            }

            // The same evaluation with exactly the steps it took succeeds; one fewer stops it.
            var exact = new ExpressionLimits { MaxSteps = measured.Steps };
            Assert.Equal(expression.Evaluate(AstGenerators.Variables), expression.Evaluate(AstGenerators.Variables, exact));
            if (measured.Steps > 1)
            {
                var error = Assert.Throws<ExpressionEvaluationException>(() =>
                    expression.Evaluate(AstGenerators.Variables, new ExpressionLimits { MaxSteps = measured.Steps - 1 }));
                Assert.Equal(ExpressionErrorKind.LimitExceeded, error.Kind);
            }
        });

    private static Arbitrary<double> Doubles() => Gen.Frequency(
        (1, Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.Epsilon, double.MaxValue, double.MinValue, 1.0, -1.0, 0.5)),
        (3, from mantissa in Gen.Choose(-1_000_000, 1_000_000)
            from exponent in Gen.Choose(-12, 12)
            select mantissa * Math.Pow(10, exponent)),
        (2, from bits in Gen.Choose(int.MinValue, int.MaxValue)
            from more in Gen.Choose(int.MinValue, int.MaxValue)
            let value = BitConverter.Int64BitsToDouble(((long)bits << 32) | (uint)more)
            select value)).ToArbitrary();

    private static double Evaluate(string text, double a, double b) =>
        ConditionExpression.Parse(text).Evaluate(Variables(a, b)).AsNumber();

    private static Dictionary<string, ExpressionValue> Variables(double a, double b) => new()
    {
        ["a"] = ExpressionValue.FromNumber(a),
        ["b"] = ExpressionValue.FromNumber(b),
        ["va"] = ExpressionValue.FromNumbers(a),
        ["vb"] = ExpressionValue.FromNumbers(b),
    };

    // Bit-for-bit, except that any NaN matches any NaN (their payloads are not part of the language).
    private static void AssertSameDouble(double expected, double actual, string what) =>
        Assert.True(
            (double.IsNaN(expected) && double.IsNaN(actual)) || BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"{what}: expected {expected:R}, got {actual:R}");
}
