using System.Text.Json.Nodes;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Core.Tests.Crd;

/// <summary>
/// crds/rollout.yaml and the C# Rollout types describe the same fields with the same types. The mutation tests
/// prove the comparison notices each kind of drift, so an empty result means agreement, not a blind checker.
/// </summary>
public sealed class RolloutCrdAgreementTests
{
    [Fact]
    public void Crd_schema_and_csharp_types_agree()
    {
        var differences = CrdSchemaComparer.Compare(typeof(Rollout), RolloutCrd.Schema());

        Assert.True(differences.Count == 0, "crds/rollout.yaml and the C# types disagree:\n" + string.Join('\n', differences));
    }

    [Theory]
    [InlineData("spec.strategy.canary", "failurePolicy")]
    [InlineData("spec.strategy.canary.steps[*].pause", "duration")]
    [InlineData("spec.strategy.canary.trafficRouting", "gatewayAPI")]
    [InlineData("status.canary.weights", "canary")]
    [InlineData("status.conditions[*]", "observedGeneration")]
    [InlineData("status.git", "rejected")]
    public void A_field_missing_from_the_crd_is_named(string parent, string field)
    {
        var schema = RolloutCrd.Schema();
        RolloutCrd.NodeAt(schema, parent)["properties"]!.AsObject().Remove(field);

        var differences = CrdSchemaComparer.Compare(typeof(Rollout), schema);

        var difference = Assert.Single(differences);
        Assert.StartsWith($"{parent}.{field}: on C# ", difference, StringComparison.Ordinal);
        Assert.EndsWith("but not in the CRD", difference, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spec", "workloadRef")]
    [InlineData("spec.strategy.canary.steps[*]", "setHeaderRoute")]
    [InlineData("status", "hpaReplicas")]
    public void A_field_only_in_the_crd_is_named(string parent, string field)
    {
        var schema = RolloutCrd.Schema();
        RolloutCrd.NodeAt(schema, parent)["properties"]!.AsObject().Add(field, new JsonObject { ["type"] = "string" });

        var differences = CrdSchemaComparer.Compare(typeof(Rollout), schema);

        Assert.StartsWith($"{parent}.{field}: in the CRD but not on C# ", Assert.Single(differences), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spec.replicas", """{"type": "string"}""")]
    [InlineData("spec.paused", """{"type": "string"}""")]
    [InlineData("spec.restartAt", """{"type": "string"}""")]
    [InlineData("spec.template", """{"type": "object"}""")]
    [InlineData("spec.selector.matchLabels", """{"type": "object"}""")]
    [InlineData("spec.selector.matchLabels{*}", """{"type": "integer"}""")]
    [InlineData("spec.strategy.canary.maxSurge", """{"type": "string"}""")]
    [InlineData("spec.strategy.canary.stableService", """{"x-kubernetes-int-or-string": true}""")]
    [InlineData("spec.strategy.canary.steps", """{"type": "object"}""")]
    [InlineData("spec.strategy.canary.steps[*].setWeight", """{"type": "integer", "format": "int64"}""")]
    [InlineData("spec.strategy.canary.steps[*].analysis.args[*].valueFrom", """{"type": "object"}""")]
    [InlineData("spec.git.secretRef", """{"type": "object", "x-kubernetes-preserve-unknown-fields": true, "properties": {"name": {"type": "string"}}}""")]
    [InlineData("status.observedGeneration", """{"type": "integer", "format": "int32"}""")]
    [InlineData("status.git.rejected", """{"type": "array"}""")]
    [InlineData("status.git.rejected[*]", """{"type": "integer", "format": "int32"}""")]
    [InlineData("status.conditions[*].lastTransitionTime", """{"type": "string", "format": "date"}""")]
    public void A_type_disagreement_is_named(string path, string replacement)
    {
        var schema = RolloutCrd.Schema();
        var node = RolloutCrd.NodeAt(schema, path);
        node.Clear();
        foreach (var (key, value) in JsonNode.Parse(replacement)!.AsObject())
        {
            node[key] = value?.DeepClone();
        }

        var differences = CrdSchemaComparer.Compare(typeof(Rollout), schema);

        Assert.NotEmpty(differences);
        Assert.All(differences, d => Assert.StartsWith(path, d, StringComparison.Ordinal));
    }
}
