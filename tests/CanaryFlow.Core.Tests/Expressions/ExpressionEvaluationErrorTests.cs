using CanaryFlow.Core.Expressions;

namespace CanaryFlow.Core.Tests.Expressions;

/// <summary>Evaluation errors go into measurements and Events: they name the place and the values involved.</summary>
public class ExpressionEvaluationErrorTests
{
    public static TheoryData<string, ExpressionErrorKind, string> Errors => new()
    {
        { "three < 0.01", ExpressionErrorKind.TypeMismatch, "'<' at column 7: compares two numbers or two strings, got list [0.1, 0.2, 0.3] (a list stands for its element only when it has exactly one) and number 0.01" },
        { "empty < 0.01", ExpressionErrorKind.TypeMismatch, "'<' at column 7: compares two numbers or two strings, got list [] (a list stands for its element only when it has exactly one) and number 0.01" },
        { "1 + s", ExpressionErrorKind.TypeMismatch, "'+' at column 3: adds two numbers or joins two strings, got number 1 and string \"abc\"" },
        { "1 == '1'", ExpressionErrorKind.TypeMismatch, "'==' at column 3: cannot compare number 1 with string \"1\"" },
        { "true && 1", ExpressionErrorKind.TypeMismatch, "'&&' at column 6: needs true or false, got number 1" },
        { "resutl > 1", ExpressionErrorKind.UnknownVariable, "unknown variable 'resutl' at column 1: the variables are empty, inf, m, n, nan, nanv, num, one, s, t, ..." },
        { "m.zzz", ExpressionErrorKind.MissingField, "field \"zzz\" at column 2: is not in map {a: 1, b: \"x\", nested: {c: [1, 2]}, \"with space\": true}" },
        { "three[3]", ExpressionErrorKind.IndexOutOfRange, "index 3 at column 6: is out of range for list [0.1, 0.2, 0.3] of 3 elements" },
        { "empty[0]", ExpressionErrorKind.IndexOutOfRange, "index 0 at column 6: is out of range for list [] of 0 elements" },
        { "asFloat('n/a')", ExpressionErrorKind.InvalidArgument, "'asFloat' at column 1: cannot read string \"n/a\" as a number" },
        { "max(empty)", ExpressionErrorKind.EmptyList, "'max' at column 1: got an empty list" },
        { "all(three, {#})", ExpressionErrorKind.TypeMismatch, "'all' at column 1: needs a predicate that gives true or false, got number 0.1 for the element 0.1" },
        { "1 +\n  len(5)", ExpressionErrorKind.TypeMismatch, "'len' at line 2, column 3: takes a list, a string or a map, got number 5" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Names_the_place_and_the_values(string expression, ExpressionErrorKind kind, string message)
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => ConditionExpression.Parse(expression).Evaluate(Values.Environment));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Without_variables_the_message_says_so()
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => ConditionExpression.Parse("result").Evaluate(new Dictionary<string, ExpressionValue>()));

        Assert.Equal("unknown variable 'result' at column 1: no variables were given", error.Message);
    }

    [Fact]
    public void A_null_value_in_the_variables_reads_as_nil() =>
        Assert.True(ConditionExpression.Parse("result == nil").EvaluateCondition(new Dictionary<string, ExpressionValue> { ["result"] = null! }));

    [Fact]
    public void Null_variables_are_an_argument_error() =>
        Assert.Throws<ArgumentNullException>(() => ConditionExpression.Parse("1").Evaluate(null!));
}
