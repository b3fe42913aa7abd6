using CanaryFlow.Core.Expressions;

namespace CanaryFlow.Core.Tests.Expressions;

/// <summary>
/// The sandbox's bounds: hostile text is a syntax error (never a stack overflow), and hostile evaluations stop at
/// the step budget. Termination is shown by counting steps, never by a clock, so these cannot flake.
/// </summary>
public class ExpressionLimitsTests
{
    private static readonly IReadOnlyDictionary<string, ExpressionValue> _big = new Dictionary<string, ExpressionValue>
    {
        ["big"] = ExpressionValue.FromNumbers(Enumerable.Range(0, 1000).Select(i => (double)i)),
        ["huge"] = ExpressionValue.FromNumbers(Enumerable.Range(0, 20_000).Select(i => (double)i)),
        ["long"] = ExpressionValue.FromString(new string('x', 40_000)),
    };

    [Fact]
    public void Parentheses_100k_deep_are_a_syntax_error()
    {
        var text = new string('(', 100_000) + "1" + new string(')', 100_000);

        var error = Assert.Throws<ExpressionSyntaxException>(() => ConditionExpression.Parse(text));

        Assert.Equal($"expression too long at column 4097: the limit is 4096 characters, it has {text.Length}", error.Message);
    }

    [Theory]
    [InlineData("(", "1", ")")]
    [InlineData("[", "1", "]")]
    [InlineData("!", "true", "")]
    [InlineData("not ", "true", "")]
    [InlineData("-", "1", "")]
    [InlineData("len(", "[]", ")")]
    [InlineData("abs(", "1", ")")]
    [InlineData("2 ** ", "2", "")]
    [InlineData("x[", "0", "]")]
    [InlineData("map(x, {", "#", "})")]
    public void Nesting_within_the_length_limit_is_a_syntax_error_not_a_stack_overflow(string open, string inner, string close)
    {
        var depth = (ConditionExpression.MaxLength - inner.Length) / (open.Length + close.Length);
        var text = string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));

        var error = Assert.Throws<ExpressionSyntaxException>(() => ConditionExpression.Parse(text));

        Assert.StartsWith("expression nested too deeply at ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" + ")]
    [InlineData(" && ")]
    [InlineData(".")]
    public void A_long_chain_of_operators_is_nesting_too(string separator)
    {
        var operand = separator == " && " ? "t" : "a";
        var text = string.Join(separator, Enumerable.Repeat(operand, ConditionExpression.MaxLength / (separator.Length + 1)));

        var error = Assert.Throws<ExpressionSyntaxException>(() => ConditionExpression.Parse(text));

        Assert.StartsWith("expression nested too deeply at ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_nesting_limit_is_exact()
    {
        var depth = ConditionExpression.MaxNestingDepth;
        ConditionExpression.Parse(new string('(', depth) + "1" + new string(')', depth));
        ConditionExpression.Parse(string.Join(" + ", Enumerable.Repeat("1", depth)));

        var error = Assert.Throws<ExpressionSyntaxException>(() => ConditionExpression.Parse(new string('(', depth + 1) + "1" + new string(')', depth + 1)));
        Assert.Equal(depth, error.Position.Index);
        Assert.Throws<ExpressionSyntaxException>(() => ConditionExpression.Parse(string.Join(" + ", Enumerable.Repeat("1", depth + 1))));
    }

    [Fact]
    public void The_length_limit_is_exact()
    {
        var longest = "1" + new string(' ', ConditionExpression.MaxLength - 1);
        Assert.Equal(1, ConditionExpression.Parse(longest).Evaluate(_big).AsNumber());

        Assert.Throws<ExpressionSyntaxException>(() => ConditionExpression.Parse(longest + " "));
    }

    [Theory]
    [InlineData("all(big, {all(big, {all(big, {# >= 0})})})")]
    [InlineData("len(filter(big, {any(big, {none(big, {# < 0})})})) > 0")]
    [InlineData("sum(map(big, {sum(map(big, {sum(map(big, {#}))}))})) > 0")]
    [InlineData("map(big, {map(big, {big == big})}) == nil")]
    [InlineData("any(big, {# in big && big[-1] in big && false})")]
    public void A_hostile_evaluation_stops_at_the_step_budget(string expression)
    {
        var expressionToRun = ConditionExpression.Parse(expression);
        var context = new EvaluationContext(expression, ExpressionLimits.Default);

        var error = Assert.Throws<ExpressionEvaluationException>(() => expressionToRun.Evaluate(_big, context));

        Assert.Equal(ExpressionErrorKind.LimitExceeded, error.Kind);
        Assert.Equal(ExpressionLimits.Default.MaxSteps, context.Steps);
        Assert.Contains("evaluation stopped at column ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("it took more than 100000 steps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_node_costs_one_step()
    {
        var expression = ConditionExpression.Parse("1 + 2 * 3");

        Assert.Equal(7, expression.Evaluate(_big, new ExpressionLimits { MaxSteps = 5 }).AsNumber());
        var error = Assert.Throws<ExpressionEvaluationException>(() => expression.Evaluate(_big, new ExpressionLimits { MaxSteps = 4 }));
        Assert.Equal(ExpressionErrorKind.LimitExceeded, error.Kind);
    }

    [Fact]
    public void Each_element_a_function_visits_costs_a_step()
    {
        var context = new EvaluationContext("sum(big)", ExpressionLimits.Default);

        ConditionExpression.Parse("sum(big)").Evaluate(_big, context);

        Assert.Equal(2 + 1000, context.Steps);
    }

    [Theory]
    [InlineData("map(huge, {#})")]
    [InlineData("filter(huge, {true})")]
    public void Map_and_filter_refuse_lists_over_the_limit(string expression)
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => ConditionExpression.Parse(expression).Evaluate(_big));

        Assert.Equal(ExpressionErrorKind.LimitExceeded, error.Kind);
        Assert.EndsWith("works on at most 10000 elements, got 20000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_list_limit_is_configurable()
    {
        var limits = new ExpressionLimits { MaxListLength = 2 };
        var expression = ConditionExpression.Parse("[1, 2, 3]");

        Assert.Equal(ExpressionErrorKind.LimitExceeded, Assert.Throws<ExpressionEvaluationException>(() => expression.Evaluate(_big, limits)).Kind);
        Assert.Equal("[1, 2, 3]", expression.Evaluate(_big).ToString());
    }

    [Fact]
    public void Predicates_over_long_lists_are_bounded_by_steps_alone() =>
        Assert.True(ConditionExpression.Parse("all(huge, {# >= 0})").EvaluateCondition(_big));

    [Fact]
    public void String_concatenation_stops_at_the_string_limit()
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => ConditionExpression.Parse("long + long").Evaluate(_big));

        Assert.Equal(ExpressionErrorKind.LimitExceeded, error.Kind);
        Assert.Equal("'+' at column 6: would build a string of 80000 characters, the limit is 65536", error.Message);
    }

    [Fact]
    public void Long_strings_cost_steps_by_their_length()
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => ConditionExpression.Parse("map(big, {long + 'y'}) == nil").Evaluate(_big));

        Assert.Equal(ExpressionErrorKind.LimitExceeded, error.Kind);
        Assert.Contains("steps", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Limits_must_be_positive(int value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExpressionLimits { MaxSteps = value });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExpressionLimits { MaxListLength = value });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExpressionLimits { MaxStringLength = value });
    }

    [Fact]
    public void One_parsed_expression_serves_many_threads()
    {
        var expression = ConditionExpression.Parse("all(result, {# < limit}) && sum(map(result, {# * 2})) == expected");

        var outcomes = Enumerable.Range(0, 64).AsParallel().Select(i =>
        {
            var values = Enumerable.Range(0, i + 1).Select(j => (double)j).ToList();
            var variables = new Dictionary<string, ExpressionValue>
            {
                ["result"] = ExpressionValue.FromNumbers(values),
                ["limit"] = ExpressionValue.FromNumber(i + 1),
                ["expected"] = ExpressionValue.FromNumber(values.Sum() * 2),
            };
            return expression.EvaluateCondition(variables);
        }).ToList();

        Assert.All(outcomes, Assert.True);
    }
}
