using CanaryFlow.Kubernetes.Labels;

namespace CanaryFlow.Kubernetes.Tests.Labels;

public class LabelSelectorErrorTests
{
    private const string _nameRule =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
        + "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string _valueRule =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end "
        + "with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
        + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    private const string _subdomainRule =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end "
        + "with an alphanumeric character (e.g. 'example.com', regex used for validation is "
        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    [Theory]
    [InlineData("tier in gold", "unable to parse requirement: found 'gold' expected: '('")]
    [InlineData("tier notin", "unable to parse requirement: found '' expected: '('")]
    [InlineData("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("a ! =b", "unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("!", "unable to parse requirement: found '', expected: identifier")]
    [InlineData("! =a", "unable to parse requirement: found '=', expected: identifier")]
    [InlineData("!=a", "found '!=', expected: !, identifier, or 'end of string'")]
    [InlineData("a=(b)", "unable to parse requirement: found '(', expected: identifier")]
    [InlineData("a===b", "unable to parse requirement: found '=', expected: identifier")]
    [InlineData("a in (b c)", "unable to parse requirement: found 'c', expected: ',' or ')'")]
    [InlineData("a in (b", "unable to parse requirement: found '', expected: ',' or ')'")]
    [InlineData("a in (", "unable to parse requirement: found '', expected: ',', ')' or identifier")]
    [InlineData("a in (=)", "unable to parse requirement: found '=', expected: ',', ')' or identifier")]
    [InlineData("a in (,,)", "unable to parse requirement: found ')', expected: ',', or identifier")]
    [InlineData("a in (b,=)", "unable to parse requirement: found '=', expected: ',', or identifier")]
    [InlineData("a,", "found '', expected: identifier after ','")]
    [InlineData("a,,b", "found ',', expected: identifier after ','")]
    [InlineData(",a", "found ',', expected: !, identifier, or 'end of string'")]
    [InlineData("(a)", "found '(', expected: !, identifier, or 'end of string'")]
    [InlineData("!a=b", "found '=', expected: ',' or 'end of string'")]
    [InlineData("a=b c", "found 'c', expected: ',' or 'end of string'")]
    [InlineData("a=b=c", "found '=', expected: ',' or 'end of string'")]
    [InlineData("a in (b))", "found ')', expected: ',' or 'end of string'")]
    public void Syntax_errors_have_apimachinery_messages(string selector, string message)
    {
        var error = Assert.Throws<LabelSelectorParseException>(() => LabelSelector.Parse(selector));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("-a", "\"-a\": name part " + _nameRule)]
    [InlineData("a_", "\"a_\": name part " + _nameRule)]
    [InlineData("/a", "\"/a\": prefix part must be non-empty")]
    [InlineData("Example.com/a", "\"Example.com/a\": prefix part " + _subdomainRule)]
    [InlineData("example.com/", "\"example.com/\": name part must be non-empty; name part " + _nameRule)]
    [InlineData("a/b/c", "\"a/b/c\": a valid label key " + _nameRule + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")]
    public void Invalid_keys_are_reported_against_a_nil_path(string key, string detail)
    {
        var error = Assert.Throws<LabelSelectorParseException>(() => LabelSelector.Parse(key + "=x"));

        Assert.Equal("unable to parse requirement: <nil>: Invalid value: " + detail, error.Message);
    }

    [Fact]
    public void Too_long_key_names_and_prefixes_are_reported()
    {
        var name = new string('n', 64);
        var prefix = new string('p', 254);

        var nameError = Assert.Throws<LabelSelectorParseException>(() => LabelSelector.Parse(name));
        var prefixError = Assert.Throws<LabelSelectorParseException>(() => LabelSelector.Parse(prefix + "/a"));

        Assert.Equal($"unable to parse requirement: <nil>: Invalid value: \"{name}\": name part must be no more than 63 bytes", nameError.Message);
        Assert.Equal($"unable to parse requirement: <nil>: Invalid value: \"{prefix}/a\": prefix part must be no more than 253 bytes", prefixError.Message);
        Assert.Equal(
            $"unable to parse requirement: <nil>: Invalid value: \"P{prefix}/a\": prefix part must be no more than 253 bytes; prefix part {_subdomainRule}",
            Assert.Throws<LabelSelectorParseException>(() => LabelSelector.Parse("P" + prefix + "/a")).Message);
    }

    [Theory]
    [InlineData("tier=a@b", "values[0][tier]: Invalid value: \"a@b\": " + _valueRule)]
    [InlineData("tier!=-x", "values[0][tier]: Invalid value: \"-x\": " + _valueRule)]
    [InlineData("tier in (z,-b)", "values[0][tier]: Invalid value: \"-b\": " + _valueRule)]
    [InlineData("tier notin (a,z_)", "values[1][tier]: Invalid value: \"z_\": " + _valueRule)]
    [InlineData("tier in (x\"y)", "values[0][tier]: Invalid value: \"x\\\"y\": " + _valueRule)]
    [InlineData("a>b", "values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("a<", "values[0]: Invalid value: \"\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("a>99999999999999999999", "values[0]: Invalid value: \"99999999999999999999\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("a>-x", "[values[0]: Invalid value: \"-x\": for 'Gt', 'Lt' operators, the value must be an integer, values[0][a]: Invalid value: \"-x\": " + _valueRule + "]")]
    public void Invalid_values_have_apimachinery_messages(string selector, string detail)
    {
        var error = Assert.Throws<LabelSelectorParseException>(() => LabelSelector.Parse(selector));

        Assert.Equal("unable to parse requirement: " + detail, error.Message);
    }

    [Fact]
    public void Too_long_values_are_reported()
    {
        var value = new string('v', 64);

        var error = Assert.Throws<LabelSelectorParseException>(() => LabelSelector.Parse("a=" + value));

        Assert.Equal($"unable to parse requirement: values[0][a]: Invalid value: \"{value}\": must be no more than 63 bytes", error.Message);
    }

    [Fact]
    public void Parse_errors_are_format_exceptions()
    {
        Assert.IsAssignableFrom<FormatException>(Assert.Throws<LabelSelectorParseException>(() => LabelSelector.Parse("a b")));
    }
}
