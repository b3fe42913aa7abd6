using CanaryFlow.Kubernetes.Labels;

namespace CanaryFlow.Kubernetes.Tests.Labels;

public class LabelSelectorParseTests
{
    [Theory]
    [InlineData("a", "a")]
    [InlineData("!a", "!a")]
    [InlineData(" ! a ", "!a")]
    [InlineData("a=b", "a=b")]
    [InlineData("a==b", "a==b")]
    [InlineData("a!=b", "a!=b")]
    [InlineData("a = b", "a=b")]
    [InlineData("a\t==\r\nb", "a==b")]
    [InlineData("a=", "a=")]
    [InlineData("a!=,b", "a!=,b")]
    [InlineData("a in (b,c)", "a in (b,c)")]
    [InlineData("a in(c,b,c)", "a in (b,c)")]
    [InlineData("a notin (b)", "a notin (b)")]
    [InlineData("a in ()", "a in ()")]
    [InlineData("a notin ( )", "a notin ()")]
    [InlineData("a in (,b)", "a in (,b)")]
    [InlineData("a in (b,)", "a in (,b)")]
    [InlineData("a in (b,,c)", "a in (,b,c)")]
    [InlineData("a in ( b , c )", "a in (b,c)")]
    [InlineData("a>5", "a>5")]
    [InlineData("a < 007", "a<007")]
    [InlineData("in in (in,notin)", "in in (in,notin)")]
    [InlineData("notin=in", "notin=in")]
    [InlineData("!in", "!in")]
    [InlineData("b=1,a=2", "a=2,b=1")]
    [InlineData("a=c,a=b", "a=c,a=b")]
    [InlineData("example.com/app=web", "example.com/app=web")]
    [InlineData("x in (foo,,baz),y,z notin ()", "x in (,baz,foo),y,z notin ()")]
    [InlineData("app=web , track in ( canary , primary ) , !paused", "app=web,!paused,track in (canary,primary)")]
    [InlineData("A_b.c-D=Some_Value.1", "A_b.c-D=Some_Value.1")]
    public void Parses_and_prints_canonically(string selector, string canonical)
    {
        var parsed = LabelSelector.Parse(selector);

        Assert.Equal(canonical, parsed.ToString());
        Assert.False(parsed.IsEverything);
        Assert.False(parsed.IsNothing);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    public void Empty_selector_is_everything(string selector)
    {
        var parsed = LabelSelector.Parse(selector);

        Assert.True(parsed.IsEverything);
        Assert.Empty(parsed.Requirements);
        Assert.Equal(string.Empty, parsed.ToString());
        Assert.Equal(LabelSelector.Everything, parsed);
    }

    [Theory]
    [InlineData("k", LabelSelectorOperator.Exists, new string[0])]
    [InlineData("!k", LabelSelectorOperator.DoesNotExist, new string[0])]
    [InlineData("k=v", LabelSelectorOperator.Equal, new[] { "v" })]
    [InlineData("k==v", LabelSelectorOperator.DoubleEqual, new[] { "v" })]
    [InlineData("k!=v", LabelSelectorOperator.NotEqual, new[] { "v" })]
    [InlineData("k in (b,a)", LabelSelectorOperator.In, new[] { "a", "b" })]
    [InlineData("k notin (a)", LabelSelectorOperator.NotIn, new[] { "a" })]
    [InlineData("k in ()", LabelSelectorOperator.In, new[] { "" })]
    [InlineData("k>3", LabelSelectorOperator.GreaterThan, new[] { "3" })]
    [InlineData("k<3", LabelSelectorOperator.LessThan, new[] { "3" })]
    [InlineData("k=", LabelSelectorOperator.Equal, new[] { "" })]
    public void Every_operator_yields_its_requirement(string selector, LabelSelectorOperator expectedOperator, string[] expectedValues)
    {
        var requirement = Assert.Single(LabelSelector.Parse(selector).Requirements);

        Assert.Equal("k", requirement.Key);
        Assert.Equal(expectedOperator, requirement.Operator);
        Assert.Equal(expectedValues, requirement.Values);
    }

    [Fact]
    public void Requirements_are_sorted_by_key_keeping_the_written_order_for_equal_keys()
    {
        var parsed = LabelSelector.Parse("zone=b,app,zone=a,!beta");

        Assert.Equal(["app", "beta", "zone", "zone"], parsed.Requirements.Select(r => r.Key));
        Assert.Equal(["b"], parsed.Requirements[2].Values);
        Assert.Equal(["a"], parsed.Requirements[3].Values);
    }

    [Fact]
    public void Keys_and_values_at_the_length_limits_are_accepted()
    {
        var prefix = string.Join('.', Enumerable.Repeat(new string('p', 63), 4))[..253];
        var key = prefix + "/" + new string('n', 63);
        var value = new string('v', 63);

        var requirement = Assert.Single(LabelSelector.Parse($"{key}={value}").Requirements);

        Assert.Equal(key, requirement.Key);
        Assert.Equal(value, requirement.Values[0]);
    }

    [Fact]
    public void Parsing_the_canonical_string_gives_an_equal_selector()
    {
        var original = LabelSelector.Parse("x in (foo,,baz), y, z notin (), !w, v>1, u==q, t!=");

        var reparsed = LabelSelector.Parse(original.ToString());

        Assert.Equal(original, reparsed);
        Assert.Equal(original.GetHashCode(), reparsed.GetHashCode());
        Assert.Equal(original.ToString(), reparsed.ToString());
    }

    [Fact]
    public void FromSet_builds_sorted_equality_requirements()
    {
        var selector = LabelSelector.FromSet(new Dictionary<string, string> { ["tier"] = "gold", ["app"] = "web", ["empty"] = "" });

        Assert.Equal("app=web,empty=,tier=gold", selector.ToString());
        Assert.All(selector.Requirements, r => Assert.Equal(LabelSelectorOperator.Equal, r.Operator));
        Assert.Equal(selector, LabelSelector.Parse(selector.ToString()));
    }

    [Fact]
    public void FromSet_of_an_empty_set_is_everything()
    {
        Assert.True(LabelSelector.FromSet(new Dictionary<string, string>()).IsEverything);
    }

    [Fact]
    public void FromSet_rejects_invalid_labels()
    {
        var error = Assert.Throws<LabelSelectorParseException>(
            () => LabelSelector.FromSet(new Dictionary<string, string> { ["app"] = "a,b" }));

        Assert.StartsWith("values[0][app]: Invalid value: \"a,b\": a valid label must be an empty string", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_prints_empty_but_is_not_everything()
    {
        Assert.True(LabelSelector.Nothing.IsNothing);
        Assert.False(LabelSelector.Nothing.IsEverything);
        Assert.Equal(string.Empty, LabelSelector.Nothing.ToString());
        Assert.NotEqual(LabelSelector.Everything, LabelSelector.Nothing);
    }
}
