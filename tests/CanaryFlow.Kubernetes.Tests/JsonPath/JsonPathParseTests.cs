using CanaryFlow.Kubernetes.JsonPath;

namespace CanaryFlow.Kubernetes.Tests.JsonPath;

public class JsonPathParseTests
{
    [Theory]
    [InlineData("", 0, "empty path")]
    [InlineData("  ", 2, "empty path")]
    [InlineData("{}", 1, "empty path")]
    [InlineData("{ }", 2, "empty path")]
    [InlineData("{.a", 3, "expected '}' to close the expression")]
    [InlineData("{", 1, "expected '}' to close the expression")]
    [InlineData("spec.replicas", 0, "expected '.', '[' or '$' but found 's'")]
    [InlineData(".a b", 2, "unexpected ' '")]
    [InlineData("{.a}{.b}", 3, "unexpected '}'")]
    [InlineData(".a.", 3, "expected a field name or '*' but found the end")]
    [InlineData(".a..", 4, "expected a field name or '*' but found the end")]
    [InlineData(".a.=", 3, "expected a field name or '*' but found '='")]
    [InlineData(@".a\", 2, "backslash at the end of a name")]
    [InlineData(".a[", 3, "expected an index, a slice, a quoted name, '*' or a filter but found the end")]
    [InlineData(".a[x]", 3, "expected an index, a slice, a quoted name, '*' or a filter but found 'x'")]
    [InlineData(".a[0", 4, "expected ']' but found the end")]
    [InlineData(".a[0 1]", 5, "expected ']' but found '1'")]
    [InlineData(".a[-]", 3, "malformed integer")]
    [InlineData(".a[99999999999]", 3, "malformed integer")]
    [InlineData(".a[1:2:0]", 7, "the slice step must be a positive integer")]
    [InlineData(".a[::-1]", 5, "the slice step must be a positive integer")]
    [InlineData(".a['x", 3, "unterminated string")]
    [InlineData(".a['x'", 6, "expected ']' but found the end")]
    [InlineData(".a[?@.x]", 4, "expected '(' but found '@'")]
    [InlineData(".a[?(@.x ~ 1)]", 9, "expected ')' or a comparison (==, !=, <, <=, >, >=) but found '~'")]
    [InlineData(".a[?(@.x == )]", 12, "expected '@', '$', a quoted string, a number, true or false but found ')'")]
    [InlineData(".a[?(@.x == yes)]", 12, "expected '@', '$', a quoted string, a number, true or false but found 'y'")]
    [InlineData(".a[?(@.x == 1.)]", 12, "malformed number")]
    [InlineData(".a[?(@.x == 1e)]", 12, "malformed number")]
    [InlineData(".a[?(@.x == 1]", 13, "expected ')' but found ']'")]
    [InlineData(".a[?(\"x\")]", 5, "a filter without a comparison must test a path starting with '@' or '$'")]
    [InlineData(".a[?(@.x)", 9, "expected ']' but found the end")]
    public void Reports_the_position_of_the_problem(string path, int position, string reason)
    {
        var error = Assert.Throws<JsonPathParseException>(() => JsonPathExpression.Parse(path));

        Assert.Equal(position, error.Position);
        Assert.Equal(reason, error.Reason);
        Assert.Equal(path, error.Expression);
        Assert.Equal($"{reason} at position {position} in JSONPath '{path}'", error.Message);
    }

    [Fact]
    public void Parse_errors_are_format_exceptions()
    {
        Assert.IsAssignableFrom<FormatException>(Assert.Throws<JsonPathParseException>(() => JsonPathExpression.Parse("x")));
    }
}
