using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Tests.Client;

public sealed class MergePatchBuilderTests
{
    [Theory]
    [InlineData("""{"a":1,"b":{"c":1,"d":2},"l":[1,2]}""", """{"a":1,"b":{"c":1,"d":3},"l":[1,2]}""", """{"b":{"d":3}}""")]
    [InlineData("""{"a":1,"b":2}""", """{"a":1}""", """{"b":null}""")]
    [InlineData("""{"a":1}""", """{"a":1,"n":{"x":true}}""", """{"n":{"x":true}}""")]
    [InlineData("""{"l":[1,2]}""", """{"l":[2,1]}""", """{"l":[2,1]}""")]
    [InlineData("""{"o":{"x":1}}""", """{"o":5}""", """{"o":5}""")]
    public void Produces_the_smallest_merge_patch(string original, string modified, string expected)
    {
        var patch = MergePatchBuilder.Create(JsonNode.Parse(original)!.AsObject(), JsonNode.Parse(modified)!.AsObject());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), patch), patch?.ToJsonString());
    }

    [Fact]
    public void Equal_documents_need_no_patch() =>
        Assert.Null(MergePatchBuilder.Create(JsonNode.Parse("""{"a":{"b":[1]}}""")!.AsObject(), JsonNode.Parse("""{"a":{"b":[1]}}""")!.AsObject()));

    [Fact]
    public void Applying_the_patch_gives_the_target()
    {
        var original = JsonNode.Parse("""{"phase":"Paused","canary":{"weights":{"canary":20,"stable":80}},"pauseConditions":[{"reason":"CanaryPauseStep"}],"message":"x"}""")!.AsObject();
        var modified = JsonNode.Parse("""{"phase":"Progressing","canary":{"weights":{"canary":50,"stable":50}}}""")!.AsObject();

        var patch = MergePatchBuilder.Create(original, modified)!;

        Assert.True(JsonNode.DeepEquals(modified, Merge(original, patch)));
    }

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = Merge(result[name], value);
            }
        }

        return result;
    }

    [Fact]
    public void A_status_patch_carries_the_resource_version_and_only_what_changed()
    {
        var before = new ReplicaSetStatus { Replicas = 2, ReadyReplicas = 1, ObservedGeneration = 4 };

        var patch = MergePatchBuilder.ForStatus(before, before with { ReadyReplicas = 2 }, KubernetesJsonContext.Default.ReplicaSetStatus, "812");

        Assert.Equal("""{"status":{"readyReplicas":2},"metadata":{"resourceVersion":"812"}}""", patch!.ToJsonString());
        Assert.Null(MergePatchBuilder.ForStatus(before, before with { }, KubernetesJsonContext.Default.ReplicaSetStatus, "812"));
        Assert.Equal("""{"status":{"replicas":2,"readyReplicas":1,"observedGeneration":4},"metadata":{"resourceVersion":"1"}}""", MergePatchBuilder.ForStatus(null, before, KubernetesJsonContext.Default.ReplicaSetStatus, "1")!.ToJsonString());
    }
}
