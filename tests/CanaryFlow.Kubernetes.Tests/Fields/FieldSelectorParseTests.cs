using CanaryFlow.Kubernetes.Fields;

namespace CanaryFlow.Kubernetes.Tests.Fields;

public class FieldSelectorParseTests
{
    [Theory]
    [InlineData("metadata.name=web", "metadata.name", FieldSelectorOperator.Equal, "web")]
    [InlineData("metadata.name==web", "metadata.name", FieldSelectorOperator.Equal, "web")]
    [InlineData("status.phase!=Running", "status.phase", FieldSelectorOperator.NotEqual, "Running")]
    [InlineData("spec.nodeName=", "spec.nodeName", FieldSelectorOperator.Equal, "")]
    [InlineData("spec.nodeName!=", "spec.nodeName", FieldSelectorOperator.NotEqual, "")]
    [InlineData("a=!b", "a", FieldSelectorOperator.Equal, "!b")]
    [InlineData("=x", "", FieldSelectorOperator.Equal, "x")]
    [InlineData("a = b", "a ", FieldSelectorOperator.Equal, " b")]
    [InlineData(@"a=x\,y", "a", FieldSelectorOperator.Equal, "x,y")]
    [InlineData(@"a=x\=y", "a", FieldSelectorOperator.Equal, "x=y")]
    [InlineData(@"a=x\\y", "a", FieldSelectorOperator.Equal, @"x\y")]
    [InlineData(@"a!=\\", "a", FieldSelectorOperator.NotEqual, @"\")]
    [InlineData(@"a==\=\,\\", "a", FieldSelectorOperator.Equal, @"=,\")]
    // Only values are unescaped; a field name is everything before the first operator.
    [InlineData(@"a\=b", @"a\", FieldSelectorOperator.Equal, "b")]
    public void Parses_one_term(string selector, string field, FieldSelectorOperator @operator, string value)
    {
        var requirement = Assert.Single(FieldSelector.Parse(selector).Requirements);

        Assert.Equal(new FieldRequirement(field, @operator, value), requirement);
    }

    [Theory]
    [InlineData("")]
    [InlineData(",")]
    [InlineData(",,")]
    [InlineData("=")]
    [InlineData("=,==")]
    public void Selectors_without_terms_are_everything(string selector)
    {
        var parsed = FieldSelector.Parse(selector);

        Assert.True(parsed.IsEverything);
        Assert.Empty(parsed.Requirements);
        Assert.Equal(string.Empty, parsed.ToString());
    }

    [Theory]
    [InlineData("status.phase=Running,spec.nodeName!=node-1", "spec.nodeName!=node-1,status.phase=Running")]
    [InlineData(",b=2,,a==1,", "a=1,b=2")]
    [InlineData(@"a=x\,y,a=\=", @"a=\=,a=x\,y")]
    [InlineData(@"involvedObject.name=web\\1", @"involvedObject.name=web\\1")]
    public void Prints_terms_sorted_and_escaped(string selector, string canonical)
    {
        var parsed = FieldSelector.Parse(selector);

        Assert.Equal(canonical, parsed.ToString());
        Assert.Equal(parsed.Requirements, FieldSelector.Parse(parsed.ToString()).Requirements);
    }

    [Theory]
    [InlineData("abc", "invalid selector: 'abc'; can't understand 'abc'")]
    [InlineData("a=b,xyz", "invalid selector: 'a=b,xyz'; can't understand 'xyz'")]
    [InlineData("zzz,aaa", "invalid selector: 'zzz,aaa'; can't understand 'aaa'")]
    [InlineData(" ", "invalid selector: ' '; can't understand ' '")]
    [InlineData(@"a=\x", @"invalid field selector: invalid escape sequence: \x")]
    [InlineData(@"a=b\", @"invalid field selector: invalid escape sequence: \")]
    [InlineData(@"a=\😀", @"invalid field selector: invalid escape sequence: \😀")]
    [InlineData("a=b=c", "invalid field selector: unescaped character in value: 61")]
    [InlineData("a!==b", "invalid field selector: unescaped character in value: 61")]
    public void Errors_have_apimachinery_messages(string selector, string message)
    {
        var error = Assert.Throws<FieldSelectorParseException>(() => FieldSelector.Parse(selector));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData(@"a\b", @"a\\b")]
    [InlineData("a,b=c", @"a\,b\=c")]
    [InlineData(@"\,=", @"\\\,\=")]
    [InlineData("", "")]
    public void Escapes_values(string value, string escaped)
    {
        Assert.Equal(escaped, FieldSelector.EscapeValue(value));
        Assert.Equal(value, FieldSelector.Parse("f=" + escaped).Requirements.SingleOrDefault()?.Value ?? "");
    }

    [Fact]
    public void Random_values_survive_escape_print_and_parse()
    {
        const string alphabet = "ab=,\\!-. ";
        var random = new Random(7);
        for (var iteration = 0; iteration < 1000; iteration++)
        {
            var requirements = Enumerable.Range(0, random.Next(1, 4)).Select(i => new FieldRequirement(
                "field" + random.Next(3),
                random.Next(2) == 0 ? FieldSelectorOperator.Equal : FieldSelectorOperator.NotEqual,
                new string(Enumerable.Range(0, random.Next(0, 8)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray())));
            var original = FieldSelector.FromRequirements(requirements);

            var reparsed = FieldSelector.Parse(original.ToString());

            Assert.Equal(original.Requirements, reparsed.Requirements);
            Assert.Equal(original.ToString(), reparsed.ToString());
        }
    }
}
