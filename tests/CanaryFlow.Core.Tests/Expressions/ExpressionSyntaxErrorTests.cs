using CanaryFlow.Core.Expressions;

namespace CanaryFlow.Core.Tests.Expressions;

/// <summary>Syntax errors name the place, with a 0-based index for code and a 1-based column for people.</summary>
public class ExpressionSyntaxErrorTests
{
    public static TheoryData<string, int, string> Errors => new()
    {
        { "result[0] >= )", 13, "unexpected ')' at column 14: expected a value" },
        { "", 0, "empty expression at column 1" },
        { "   ", 0, "empty expression at column 1" },
        { "1 +", 3, "unexpected end of expression at column 4: expected a value" },
        { "(1 + 2", 6, "unexpected end of expression at column 7: expected ')'" },
        { "(1 + 2))", 7, "unexpected ')' at column 8: expected an operator or the end of the expression" },
        { "1 2", 2, "unexpected number 2 at column 3: expected an operator or the end of the expression" },
        { "result foo", 7, "unexpected name 'foo' at column 8: expected an operator or the end of the expression" },
        { "result = 1", 7, "unexpected '=' at column 8: use '==' to compare" },
        { "a & b", 2, "unexpected '&' at column 3: use '&&' or 'and'" },
        { "a | b", 2, "unexpected '|' at column 3: use '||' or 'or'" },
        { "'abc", 0, "unterminated string at column 1: it needs a closing '" },
        { "\"abc\\", 0, "unterminated string at column 1: it needs a closing \"" },
        { "1 + 'a\\qb'", 6, "unknown escape '\\q' at column 7: strings know \\\\, \\', \\\", \\n, \\r and \\t" },
        { "1e", 0, "malformed number '1e' at column 1: the exponent needs digits" },
        { "1e+ 2", 0, "malformed number '1e+' at column 1: the exponent needs digits" },
        { "2 * 12abc", 4, "malformed number '12abc' at column 5" },
        { "1 @ 2", 2, "unexpected character '@' at column 3" },
        { "1 +\t\u0001", 4, "unexpected character '\\u0001' at column 5" },
        { "foo(1)", 0, "unknown function 'foo' at column 1: the functions are abs, all, any, asFloat, asInt, default, filter, isInf, isNaN, isNil, len, map, max, mean, min, none, sum" },
        { "len(1, 2)", 0, "wrong number of arguments to 'len' at column 1: it is called as len(list or string or map), here with 2" },
        { "1 + len()", 4, "wrong number of arguments to 'len' at column 5: it is called as len(list or string or map), here with 0" },
        { "default(1)", 0, "wrong number of arguments to 'default' at column 1: it is called as default(value, fallback), here with 1" },
        { "all(result)", 0, "wrong number of arguments to 'all' at column 1: it is called as all(list, {predicate}), here with 1" },
        { "all(result, # < 1)", 12, "unexpected '#' at column 13: the second argument of 'all' is a {...} predicate, as in all(list, {predicate})" },
        { "# > 1", 0, "unexpected '#' at column 1: '#' stands for the element only inside a {...} predicate, as in all(result, {# < 0.5})" },
        { "{1}", 0, "unexpected '{' at column 1: a {...} predicate is only the second argument of all, any, none, filter or map" },
        { "len({1})", 4, "unexpected '{' at column 5: a {...} predicate is only the second argument of all, any, none, filter or map" },
        { "all(result, {# < 1)", 18, "unexpected ')' at column 19: expected '}'" },
        { "result.", 7, "unexpected end of expression at column 8: expected a field name after '.' (write result[\"name\"] for other keys)" },
        { "result.0", 7, "unexpected number 0 at column 8: expected a field name after '.' (write result[\"name\"] for other keys)" },
        { "result.in", 7, "unexpected 'in' at column 8: expected a field name after '.' (write result[\"name\"] for other keys)" },
        { "result[0", 8, "unexpected end of expression at column 9: expected ']'" },
        { "[1, 2", 5, "unexpected end of expression at column 6: expected ',' or ']'" },
        { "[1, ]", 4, "unexpected ']' at column 5: expected a value" },
        { "len(1", 5, "unexpected end of expression at column 6: expected ',' or ')'" },
        { "a ** ** b", 5, "unexpected '**' at column 6: expected a value" },
        { "not", 3, "unexpected end of expression at column 4: expected a value" },
        { "x in", 4, "unexpected end of expression at column 5: expected a value" },
        { "true &&\n  )", 10, "unexpected ')' at line 2, column 3: expected a value" },
        { "true &&\r\n\n  1 +\n", 16, "unexpected end of expression at line 4, column 1: expected a value" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Names_the_position(string text, int index, string message)
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => ConditionExpression.Parse(text));

        Assert.Equal(message, error.Message);
        Assert.Equal(index, error.Position.Index);
        Assert.IsAssignableFrom<ExpressionException>(error);
    }

    public static TheoryData<string> ErrorTexts => [.. Errors.Select(row => (string)row[0])];

    [Theory]
    [MemberData(nameof(ErrorTexts))]
    public void The_excerpt_puts_a_caret_under_the_column(string text)
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => ConditionExpression.Parse(text));

        var lines = error.Excerpt.Split('\n');
        Assert.Equal(2, lines.Length);
        // The caret line is blanks (tabs where the text has tabs) up to the column, then the caret.
        Assert.Equal(error.Position.Column - 1, lines[1].IndexOf('^', StringComparison.Ordinal));
        Assert.True(lines[1].TrimEnd('^').All(c => c is ' ' or '\t'), lines[1]);
    }

    public static TheoryData<string, string> Excerpts => new()
    {
        { "result[0] >= )", "result[0] >= )\n             ^" },
        { "1 +", "1 +\n   ^" },
        { "(1 + 2", "(1 + 2\n      ^" },
        { "true &&\n  )", "  )\n  ^" },
        { "true &&\r\n)", ")\n^" },
        { "1 +\n", "\n^" },
        { "1 +\t@", "1 +\t@\n   \t^" },
        // A control character would garble a terminal; it shows as '?' and the caret stays under it.
        { "1 +\u0001", "1 +?\n   ^" },
        { "len('a', @)", "len('a', @)\n         ^" },
    };

    [Theory]
    [MemberData(nameof(Excerpts))]
    public void The_excerpt_shows_the_line_and_a_caret(string text, string excerpt) =>
        Assert.Equal(excerpt, Assert.Throws<ExpressionSyntaxException>(() => ConditionExpression.Parse(text)).Excerpt);

    [Theory]
    [InlineData(10)]
    [InlineData(300)]
    [InlineData(3000)]
    public void A_long_line_is_shown_as_a_window_around_the_caret(int before)
    {
        var text = string.Concat(Enumerable.Repeat("a + ", before / 4)) + "@ + " + string.Concat(Enumerable.Repeat("b + ", 200)) + "1";

        var excerpt = Assert.Throws<ExpressionSyntaxException>(() => ConditionExpression.Parse(text)).Excerpt;

        var lines = excerpt.Split('\n');
        Assert.InRange(lines[0].Length, 1, 80);
        Assert.Equal(lines[0].IndexOf('@', StringComparison.Ordinal), lines[1].IndexOf('^', StringComparison.Ordinal));
        Assert.EndsWith("...", lines[0], StringComparison.Ordinal);
        Assert.Equal(before > 40, lines[0].StartsWith("...", StringComparison.Ordinal));
    }

    [Fact]
    public void The_excerpt_of_an_overlong_expression_points_past_the_limit()
    {
        var text = new string('1', ConditionExpression.MaxLength + 100);

        var error = Assert.Throws<ExpressionSyntaxException>(() => ConditionExpression.Parse(text));

        var lines = error.Excerpt.Split('\n');
        Assert.Equal(80, lines[0].Length);
        Assert.Equal(3 + 40, lines[1].IndexOf('^', StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluation_errors_have_an_excerpt_too()
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => ConditionExpression.Parse("result < 1 ||\n  len(5) > 0").Evaluate(Values.Result(ExpressionValue.FromNumber(2))));

        Assert.Equal("  len(5) > 0\n  ^", error.Excerpt);
    }

    [Fact]
    public void Line_and_column_count_from_one()
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => ConditionExpression.Parse("1 +\n  2 +\n    )"));

        Assert.Equal(new SourcePosition(14, 3, 5), error.Position);
    }

    [Fact]
    public void Null_text_is_an_argument_error_not_a_syntax_error() =>
        Assert.Throws<ArgumentNullException>(() => ConditionExpression.Parse(null!));
}
