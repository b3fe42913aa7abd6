using CanaryFlow.Kubernetes.Fields;

namespace CanaryFlow.Kubernetes.Tests.Fields;

public class FieldSelectorMatchTests
{
    private static readonly Dictionary<string, string> _podFields = new()
    {
        ["metadata.name"] = "web-1",
        ["metadata.namespace"] = "prod",
        ["status.phase"] = "Running",
        ["spec.nodeName"] = "node-a",
        ["spec.note"] = "a,b=c",
    };

    [Theory]
    [InlineData("metadata.name=web-1", true)]
    [InlineData("metadata.name==web-1", true)]
    [InlineData("metadata.name=web-2", false)]
    [InlineData("metadata.name!=web-2", true)]
    [InlineData("metadata.name!=web-1", false)]
    [InlineData("metadata.name=web-1,status.phase=Running", true)]
    [InlineData("metadata.name=web-1,status.phase!=Running", false)]
    [InlineData("status.podIP=", true)]
    [InlineData("status.podIP!=", false)]
    [InlineData("status.podIP=10.0.0.1", false)]
    [InlineData("status.podIP!=10.0.0.1", true)]
    [InlineData(@"spec.note=a\,b\=c", true)]
    [InlineData("metadata.name=WEB-1", false)]
    [InlineData("", true)]
    public void Matches_with_absent_fields_as_empty_strings(string selector, bool expected)
    {
        var parsed = FieldSelector.Parse(selector);

        Assert.Equal(expected, parsed.Matches(field => _podFields.GetValueOrDefault(field)));
    }

    [Fact]
    public void A_requirement_matches_on_its_own()
    {
        var requirement = new FieldRequirement("spec.nodeName", FieldSelectorOperator.NotEqual, "");

        Assert.True(requirement.Matches(_ => "node-a"));
        Assert.False(requirement.Matches(_ => null));
        Assert.Equal("spec.nodeName!=", requirement.ToString());
    }

    [Fact]
    public void Everything_matches_objects_without_fields()
    {
        Assert.True(FieldSelector.Everything.Matches(_ => null));
        Assert.True(FieldSelector.Everything.IsEverything);
    }
}
