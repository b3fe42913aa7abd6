using System.Text.Json.Nodes;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Core.Tests.Crd;

/// <summary>
/// Every CRD of crds/ and its C# types describe the same fields with the same types. The mutation tests prove the
/// comparison notices each kind of drift in each CRD, so an empty result means agreement, not a blind checker.
/// </summary>
public sealed class CrdAgreementTests
{
    [Fact]
    public void Every_file_in_crds_is_compared_with_its_csharp_type()
    {
        // kustomization.yaml lists the CRDs for `kubectl apply -k crds/`; it is not a CRD itself.
        var files = Directory.GetFiles(RepositoryRoot.File("crds"), "*.yaml").Select(Path.GetFileName)
            .Where(name => name != "kustomization.yaml").Order(StringComparer.Ordinal);

        Assert.Equal(files, ShippedCrd.All.Select(crd => crd.FileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ShippedCrd.FileNames), MemberType = typeof(ShippedCrd))]
    public void Crd_schema_and_csharp_types_agree(string file)
    {
        var crd = ShippedCrd.Named(file);

        var differences = crd.CompareWith(crd.Schema());

        Assert.True(differences.Count == 0, $"crds/{file} and the C# types disagree:\n" + string.Join('\n', differences));
    }

    [Theory]
    [InlineData("rollout.yaml", "spec.strategy.canary", "failurePolicy")]
    [InlineData("rollout.yaml", "spec.strategy.canary.steps[*].pause", "duration")]
    [InlineData("rollout.yaml", "spec.strategy.canary.trafficRouting", "gatewayAPI")]
    [InlineData("rollout.yaml", "status.canary.weights", "canary")]
    [InlineData("rollout.yaml", "status.conditions[*]", "observedGeneration")]
    [InlineData("rollout.yaml", "status.git", "rejected")]
    [InlineData("analysistemplate.yaml", "spec.metrics[*]", "failureLimit")]
    [InlineData("analysistemplate.yaml", "spec.metrics[*].provider.prometheus.authentication", "bearerTokenSecretRef")]
    [InlineData("analysistemplate.yaml", "spec.args[*].valueFrom", "podTemplateHashValue")]
    [InlineData("clusteranalysistemplate.yaml", "spec.metrics[*].provider.web", "jsonPath")]
    [InlineData("clusteranalysistemplate.yaml", "spec.measurementRetention[*]", "limit")]
    [InlineData("analysisrun.yaml", "spec", "terminate")]
    [InlineData("analysisrun.yaml", "spec.metrics[*].provider.web.headers[*]", "value")]
    [InlineData("analysisrun.yaml", "status", "startedAt")]
    [InlineData("analysisrun.yaml", "status.metricResults[*]", "consecutiveError")]
    [InlineData("analysisrun.yaml", "status.metricResults[*].measurements[*]", "condition")]
    public void A_field_missing_from_the_crd_is_named(string file, string parent, string field)
    {
        var crd = ShippedCrd.Named(file);
        var schema = crd.Schema();
        var node = CrdSchemaComparer.NodeAt(schema, parent);
        node["properties"]!.AsObject().Remove(field);
        // Keep the CRD self-consistent, so the comparer sees exactly one difference.
        (node["required"] as JsonArray)?.RemoveAll(r => (string?)r == field);

        var differences = crd.CompareWith(schema);

        var difference = Assert.Single(differences);
        Assert.StartsWith($"{parent}.{field}: on C# ", difference, StringComparison.Ordinal);
        Assert.EndsWith("but not in the CRD", difference, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rollout.yaml", "spec", "workloadRef")]
    [InlineData("rollout.yaml", "spec.strategy.canary.steps[*]", "setHeaderRoute")]
    [InlineData("rollout.yaml", "status", "hpaReplicas")]
    [InlineData("analysistemplate.yaml", "spec.metrics[*].provider", "datadog")]
    [InlineData("clusteranalysistemplate.yaml", "spec.metrics[*]", "dryRun")]
    [InlineData("analysisrun.yaml", "status", "completedAt")]
    [InlineData("analysisrun.yaml", "status.metricResults[*].measurements[*]", "metadata")]
    public void A_field_only_in_the_crd_is_named(string file, string parent, string field)
    {
        var crd = ShippedCrd.Named(file);
        var schema = crd.Schema();
        CrdSchemaComparer.NodeAt(schema, parent)["properties"]!.AsObject().Add(field, new JsonObject { ["type"] = "string" });

        var differences = crd.CompareWith(schema);

        Assert.StartsWith($"{parent}.{field}: in the CRD but not on C# ", Assert.Single(differences), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("analysistemplate.yaml", "spec.metrics[*]", "nmae")]
    [InlineData("analysisrun.yaml", "status.metricResults[*]", "metric")]
    public void A_required_field_the_crd_lacks_is_named(string file, string parent, string field)
    {
        var crd = ShippedCrd.Named(file);
        var schema = crd.Schema();
        var node = CrdSchemaComparer.NodeAt(schema, parent);
        node["required"] = new JsonArray([.. (node["required"] as JsonArray ?? []).Select(r => r?.DeepClone()), JsonValue.Create(field)]);

        var differences = crd.CompareWith(schema);

        Assert.Equal($"{parent}.{field}: required by the CRD but not in its properties", Assert.Single(differences));
    }

    [Theory]
    [InlineData("rollout.yaml", "spec.replicas", """{"type": "string"}""")]
    [InlineData("rollout.yaml", "spec.paused", """{"type": "string"}""")]
    [InlineData("rollout.yaml", "spec.restartAt", """{"type": "string"}""")]
    [InlineData("rollout.yaml", "spec.template", """{"type": "object"}""")]
    [InlineData("rollout.yaml", "spec.selector.matchLabels", """{"type": "object"}""")]
    [InlineData("rollout.yaml", "spec.selector.matchLabels{*}", """{"type": "integer"}""")]
    [InlineData("rollout.yaml", "spec.strategy.canary.maxSurge", """{"type": "string"}""")]
    [InlineData("rollout.yaml", "spec.strategy.canary.stableService", """{"x-kubernetes-int-or-string": true}""")]
    [InlineData("rollout.yaml", "spec.strategy.canary.steps", """{"type": "object"}""")]
    [InlineData("rollout.yaml", "spec.strategy.canary.steps[*].setWeight", """{"type": "integer", "format": "int64"}""")]
    [InlineData("rollout.yaml", "spec.strategy.canary.steps[*].analysis.args[*].valueFrom", """{"type": "object"}""")]
    [InlineData("rollout.yaml", "spec.git.secretRef", """{"type": "object", "x-kubernetes-preserve-unknown-fields": true, "properties": {"name": {"type": "string"}}}""")]
    [InlineData("rollout.yaml", "status.observedGeneration", """{"type": "integer", "format": "int32"}""")]
    [InlineData("rollout.yaml", "status.git.rejected", """{"type": "array"}""")]
    [InlineData("rollout.yaml", "status.git.rejected[*]", """{"type": "integer", "format": "int32"}""")]
    [InlineData("rollout.yaml", "status.conditions[*].lastTransitionTime", """{"type": "string", "format": "date"}""")]
    [InlineData("analysistemplate.yaml", "spec.metrics[*].count", """{"type": "integer", "format": "int32"}""")]
    [InlineData("analysistemplate.yaml", "spec.metrics[*].interval", """{"x-kubernetes-int-or-string": true}""")]
    [InlineData("analysistemplate.yaml", "spec.metrics[*].failureLimit", """{"type": "string"}""")]
    [InlineData("analysistemplate.yaml", "spec.metrics[*].provider", """{"type": "object", "x-kubernetes-preserve-unknown-fields": true}""")]
    [InlineData("clusteranalysistemplate.yaml", "spec.metrics[*].provider.web.timeoutSeconds", """{"type": "integer", "format": "int64"}""")]
    [InlineData("clusteranalysistemplate.yaml", "spec.dryRun", """{"type": "object", "additionalProperties": {"type": "string"}}""")]
    [InlineData("analysisrun.yaml", "spec.terminate", """{"type": "string"}""")]
    [InlineData("analysisrun.yaml", "status.startedAt", """{"type": "string"}""")]
    [InlineData("analysisrun.yaml", "status.metricResults[*].measurements[*].finishedAt", """{"type": "integer", "format": "int64"}""")]
    [InlineData("analysisrun.yaml", "status.metricResults[*].dryRun", """{"type": "string"}""")]
    public void A_type_disagreement_is_named(string file, string path, string replacement)
    {
        var crd = ShippedCrd.Named(file);
        var schema = crd.Schema();
        var node = CrdSchemaComparer.NodeAt(schema, path);
        node.Clear();
        foreach (var (key, value) in JsonNode.Parse(replacement)!.AsObject())
        {
            node[key] = value?.DeepClone();
        }

        var differences = crd.CompareWith(schema);

        Assert.NotEmpty(differences);
        Assert.All(differences, d => Assert.StartsWith(path, d, StringComparison.Ordinal));
    }
}
