using CanaryFlow.Kubernetes.Labels;

namespace CanaryFlow.Kubernetes.Tests.Labels;

public class LabelRequirementTests
{
    private const string _valueRule =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end "
        + "with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
        + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    [Fact]
    public void Values_are_sorted_and_deduplicated()
    {
        var requirement = LabelRequirement.Create("k", LabelSelectorOperator.In, ["b", "a", "b", ""]);

        Assert.Equal(["", "a", "b"], requirement.Values);
        Assert.Equal("k in (,a,b)", requirement.ToString());
    }

    [Fact]
    public void Requirements_with_the_same_content_are_equal()
    {
        var first = LabelRequirement.Create("k", LabelSelectorOperator.NotIn, ["b", "a"]);
        var second = LabelRequirement.Create("k", LabelSelectorOperator.NotIn, ["a", "b", "a"]);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, LabelRequirement.Create("k", LabelSelectorOperator.In, ["a", "b"]));
        Assert.NotEqual(
            LabelRequirement.Create("k", LabelSelectorOperator.Equal, ["a"]),
            LabelRequirement.Create("k", LabelSelectorOperator.DoubleEqual, ["a"]));
    }

    [Theory]
    [InlineData(LabelSelectorOperator.Equal, new[] { "x", "y" }, "values: Invalid value: [\"x\",\"y\"]: exact-match compatibility requires one single value")]
    [InlineData(LabelSelectorOperator.NotEqual, new string[0], "values: Invalid value: null: exact-match compatibility requires one single value")]
    [InlineData(LabelSelectorOperator.In, new string[0], "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty")]
    [InlineData(LabelSelectorOperator.NotIn, new string[0], "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty")]
    [InlineData(LabelSelectorOperator.Exists, new[] { "x" }, "values: Invalid value: [\"x\"]: values set must be empty for exists and does not exist")]
    [InlineData(LabelSelectorOperator.DoesNotExist, new[] { "x" }, "values: Invalid value: [\"x\"]: values set must be empty for exists and does not exist")]
    [InlineData(LabelSelectorOperator.GreaterThan, new[] { "1", "2" }, "values: Invalid value: [\"1\",\"2\"]: for 'Gt', 'Lt' operators, exactly one value is required")]
    [InlineData(LabelSelectorOperator.LessThan, new[] { "1.5" }, "values[0]: Invalid value: \"1.5\": for 'Gt', 'Lt' operators, the value must be an integer")]
    public void Operator_value_rules_have_apimachinery_messages(LabelSelectorOperator @operator, string[] values, string message)
    {
        var error = Assert.Throws<LabelSelectorParseException>(() => LabelRequirement.Create("k", @operator, values));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Several_problems_are_listed_together()
    {
        var error = Assert.Throws<LabelSelectorParseException>(() => LabelRequirement.Create("-k", LabelSelectorOperator.Exists, ["<x>"]));

        Assert.Equal(
            "[key: Invalid value: \"-k\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
            + "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), "
            + "values: Invalid value: [\"\\u003cx\\u003e\"]: values set must be empty for exists and does not exist, "
            + "values[0][-k]: Invalid value: \"<x>\": " + _valueRule + "]",
            error.Message);
    }

    [Fact]
    public void Bad_values_are_quoted_like_go()
    {
        var error = Assert.Throws<LabelSelectorParseException>(() => LabelRequirement.Create("k", LabelSelectorOperator.Equal, ["a\"b\n\u0001é"]));

        Assert.Equal("values[0][k]: Invalid value: \"a\\\"b\\n\\x01é\": " + _valueRule, error.Message);
    }

    [Fact]
    public void Integer_bounds_accept_signs_and_leading_zeros()
    {
        var requirement = LabelRequirement.Create("k", LabelSelectorOperator.GreaterThan, ["007"]);

        Assert.True(requirement.Matches(new Dictionary<string, string> { ["k"] = "8" }));
        Assert.False(requirement.Matches(new Dictionary<string, string> { ["k"] = "7" }));
        Assert.False(requirement.Matches(new Dictionary<string, string> { ["k"] = " 8" }));
    }
}
