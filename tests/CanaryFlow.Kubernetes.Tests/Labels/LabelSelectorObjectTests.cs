using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Labels;

namespace CanaryFlow.Kubernetes.Tests.Labels;

public class LabelSelectorObjectTests
{
    private static LabelSelector Convert(string json) => LabelSelector.FromLabelSelectorObject(JsonNode.Parse(json)!.AsObject());

    [Fact]
    public void Null_selects_nothing()
    {
        var selector = LabelSelector.FromLabelSelectorObject(null);

        Assert.True(selector.IsNothing);
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "web" }));
        Assert.False(selector.Matches(null));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"matchLabels":{}}""")]
    [InlineData("""{"matchLabels":null,"matchExpressions":[]}""")]
    public void Empty_selects_everything(string json)
    {
        var selector = Convert(json);

        Assert.True(selector.IsEverything);
        Assert.True(selector.Matches(null));
    }

    [Fact]
    public void Match_labels_become_equalities()
    {
        var selector = Convert("""{"matchLabels":{"tier":"gold","app":"web"}}""");

        Assert.Equal("app=web,tier=gold", selector.ToString());
        Assert.Equal(LabelSelector.Parse("tier=gold,app=web"), selector);
        Assert.True(selector.Matches(new Dictionary<string, string> { ["app"] = "web", ["tier"] = "gold", ["x"] = "y" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "web" }));
    }

    [Fact]
    public void Match_expressions_map_onto_the_string_operators()
    {
        var selector = Convert("""
            {
              "matchLabels": {"z": "1"},
              "matchExpressions": [
                {"key": "track", "operator": "In", "values": ["primary", "canary", "canary"]},
                {"key": "env", "operator": "NotIn", "values": ["dev"]},
                {"key": "app", "operator": "Exists"},
                {"key": "paused", "operator": "DoesNotExist", "values": []}
              ]
            }
            """);

        Assert.Equal("app,env notin (dev),!paused,track in (canary,primary),z=1", selector.ToString());
        Assert.Equal(LabelSelector.Parse(selector.ToString()), selector);
        Assert.True(selector.Matches(new Dictionary<string, string> { ["app"] = "a", ["track"] = "canary", ["z"] = "1" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "a", ["track"] = "canary", ["z"] = "1", ["paused"] = "" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["app"] = "a", ["track"] = "canary", ["z"] = "1", ["env"] = "dev" }));
    }

    [Theory]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Foo"}]}""", "\"Foo\" is not a valid label selector operator")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"in","values":["x"]}]}""", "\"in\" is not a valid label selector operator")]
    [InlineData("""{"matchExpressions":[{"key":"a"}]}""", "\"\" is not a valid label selector operator")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"In"}]}""", "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"NotIn","values":[]}]}""", "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Exists","values":["x"]}]}""", "values: Invalid value: [\"x\"]: values set must be empty for exists and does not exist")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"DoesNotExist","values":["x","y"]}]}""", "values: Invalid value: [\"x\",\"y\"]: values set must be empty for exists and does not exist")]
    public void Invalid_expressions_have_apimachinery_messages(string json, string message)
    {
        var error = Assert.Throws<LabelSelectorParseException>(() => Convert(json));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Invalid_label_values_and_keys_have_apimachinery_messages()
    {
        var valueError = Assert.Throws<LabelSelectorParseException>(() => Convert("""{"matchLabels":{"tier":"bad value!"}}"""));
        var keyError = Assert.Throws<LabelSelectorParseException>(() => Convert("""{"matchExpressions":[{"key":"bad key","operator":"Exists"}]}"""));

        Assert.Equal(
            "values[0][tier]: Invalid value: \"bad value!\": a valid label must be an empty string or consist of alphanumeric characters, "
            + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', "
            + "regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
            valueError.Message);
        Assert.Equal(
            "key: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and "
            + "end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
            + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            keyError.Message);
    }

    [Theory]
    [InlineData("""{"matchLabels":{"app":5}}""", "matchLabels[\"app\"] must be a string")]
    [InlineData("""{"matchLabels":["app"]}""", "matchLabels must be an object")]
    [InlineData("""{"matchExpressions":{"key":"a"}}""", "matchExpressions must be an array")]
    [InlineData("""{"matchExpressions":["a"]}""", "matchExpressions[0] must be an object")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"In","values":"x"}]}""", "matchExpressions[0].values must be an array")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"In","values":[1]}]}""", "matchExpressions[0].values[0] must be a string")]
    [InlineData("""{"matchExpressions":[{"key":true,"operator":"Exists"}]}""", "matchExpressions[0].key must be a string")]
    public void Malformed_objects_are_rejected_with_their_location(string json, string message)
    {
        var error = Assert.Throws<LabelSelectorParseException>(() => Convert(json));

        Assert.Equal(message, error.Message);
    }
}
