using CanaryFlow.LocalCluster.Schema;
using static CanaryFlow.LocalCluster.Tests.Schema.TestSchemas;

namespace CanaryFlow.LocalCluster.Tests.Schema;

public class SchemaPrunerTests
{
    private static readonly StructuralSchema _workload = ParseSchema("""
        {"type": "object", "properties": {
          "spec": {"type": "object", "properties": {
            "containers": {"type": "array", "items": {"type": "object", "properties": {
              "name": {"type": "string"},
              "ports": {"type": "array", "items": {"type": "object", "properties": {"port": {"type": "integer"}}}}}}},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
            "selectors": {"type": "object", "additionalProperties": {"type": "object", "properties": {"app": {"type": "string"}}}},
            "analysis": {"type": "object", "x-kubernetes-preserve-unknown-fields": true, "properties": {
              "metrics": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}}}}}},
            "template": {"type": "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true},
            "port": {"x-kubernetes-int-or-string": true},
            "quantity": {"anyOf": [{"type": "integer"}, {"type": "string"}]}}},
          "status": {"type": "object", "properties": {"phase": {"type": "string"}}}}}
        """);

    [Fact]
    public void Undeclared_fields_are_dropped_and_reported_with_kube_paths()
    {
        var result = SchemaPruner.Prune(Node("""
            {"apiVersion": "x/v1", "kind": "W", "metadata": {"name": "a", "foo": 1},
             "spec": {"containers": [{"name": "c", "bogus": true, "ports": [{"port": 80, "hostIP": "x"}]}], "extra": {"deep": 1}},
             "status": {"phase": "Ready", "note": "n"}, "top": 1}
            """), _workload, isResourceRoot: true);

        Assert.Equal(
            ["metadata.foo", "spec.containers[0].bogus", "spec.containers[0].ports[0].hostIP", "spec.extra", "status.note", "top"],
            result.UnknownFields);
        Assert.Equal(
            """{"apiVersion":"x/v1","kind":"W","metadata":{"name":"a"},"spec":{"containers":[{"name":"c","ports":[{"port":80}]}]},"status":{"phase":"Ready"}}""",
            result.Value!.ToJsonString());
    }

    [Fact]
    public void Pruning_returns_a_copy_and_leaves_the_input_alone()
    {
        var input = Node("""{"spec": {"extra": 1, "port": 80}}""");
        var before = input.ToJsonString();

        var result = SchemaPruner.Prune(input, _workload, isResourceRoot: true);

        Assert.Equal(before, input.ToJsonString());
        Assert.Equal("""{"spec":{"port":80}}""", result.Value!.ToJsonString());
    }

    [Fact]
    public void Preserve_unknown_fields_keeps_unknown_content_but_prunes_declared_properties_below()
    {
        var result = SchemaPruner.Prune(Node("""
            {"spec": {"analysis": {"interval": "1m", "args": [{"k": "v"}], "metrics": [{"name": "rate", "junk": 1}]}}}
            """), _workload, isResourceRoot: true);

        Assert.Equal(["spec.analysis.metrics[0].junk"], result.UnknownFields);
        Assert.Equal("""{"interval":"1m","args":[{"k":"v"}],"metrics":[{"name":"rate"}]}""", result.Value!["spec"]!["analysis"]!.ToJsonString());
    }

    [Fact]
    public void Without_preserve_unknown_fields_a_whole_unknown_subtree_goes()
    {
        var schema = ParseSchema("""{"type": "object", "properties": {"spec": {"type": "object", "properties": {"analysis": {"type": "object"}}}}}""");

        var result = SchemaPruner.Prune(Node("""{"spec": {"analysis": {"interval": "1m", "args": [1]}}}"""), schema, isResourceRoot: true);

        Assert.Equal(["spec.analysis.args", "spec.analysis.interval"], result.UnknownFields);
        Assert.Equal("""{"spec":{"analysis":{}}}""", result.Value!.ToJsonString());
    }

    [Fact]
    public void Map_values_are_pruned_against_additionalProperties()
    {
        var result = SchemaPruner.Prune(Node("""
            {"spec": {"labels": {"tier": "gold"}, "selectors": {"web": {"app": "web", "zone": "a"}}}}
            """), _workload, isResourceRoot: true);

        Assert.Equal(["spec.selectors.web.zone"], result.UnknownFields);
        Assert.Equal("""{"labels":{"tier":"gold"},"selectors":{"web":{"app":"web"}}}""", result.Value!["spec"]!.ToJsonString());
    }

    [Fact]
    public void Embedded_resources_keep_type_meta_and_prune_metadata_to_ObjectMeta()
    {
        var result = SchemaPruner.Prune(Node("""
            {"spec": {"template": {"apiVersion": "v1", "kind": "Pod", "metadata": {"labels": {"app": "web"}, "bogus": 1},
             "spec": {"containers": [{"name": "c", "anything": true}]}}}}
            """), _workload, isResourceRoot: true);

        Assert.Equal(["spec.template.metadata.bogus"], result.UnknownFields);
        Assert.Equal(
            """{"apiVersion":"v1","kind":"Pod","metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","anything":true}]}}""",
            result.Value!["spec"]!["template"]!.ToJsonString());
    }

    [Fact]
    public void Resource_root_metadata_keeps_every_ObjectMeta_field()
    {
        var metadata = """
            {"name": "w1", "generateName": "w-", "namespace": "tx", "selfLink": "/x", "uid": "u", "resourceVersion": "470",
             "generation": 2, "creationTimestamp": "2026-11-22T08:20:51Z", "deletionTimestamp": "2026-11-22T08:21:51Z",
             "deletionGracePeriodSeconds": 30, "labels": {"a": "b"}, "annotations": {"c": "d"},
             "ownerReferences": [{"apiVersion": "v1", "kind": "K", "name": "n", "uid": "u2", "controller": true, "blockOwnerDeletion": true, "x": 1}],
             "finalizers": ["f"],
             "managedFields": [{"manager": "curl", "operation": "Update", "apiVersion": "bars.example.com/v1", "time": "2026-11-22T08:20:51Z",
               "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {".": {}, "f:size": {}}}, "subresource": "status", "y": 2}]}
            """;

        var result = SchemaPruner.Prune(Node("{\"metadata\": " + metadata + "}"), Widget, isResourceRoot: true);

        Assert.Equal(["metadata.managedFields[0].y", "metadata.ownerReferences[0].x"], result.UnknownFields);
        var pruned = result.Value!["metadata"]!;
        Assert.Equal(15, pruned.AsObject().Count);
        Assert.Equal("""{"f:spec":{".":{},"f:size":{}}}""", pruned["managedFields"]![0]!["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public void Outside_a_resource_root_type_meta_is_pruned_silently()
    {
        var schema = ParseSchema("""{"type": "object", "properties": {"name": {"type": "string"}}}""");

        var result = SchemaPruner.Prune(Node("""{"kind": "K", "name": "n", "other": 1}"""), schema, isResourceRoot: false);

        Assert.Equal(["other"], result.UnknownFields);
        Assert.Equal("""{"name":"n"}""", result.Value!.ToJsonString());
    }

    [Fact]
    public void Int_or_string_and_junctor_only_nodes_keep_their_values()
    {
        var result = SchemaPruner.Prune(Node("""{"spec": {"port": "http", "quantity": "1Gi"}}"""), _workload, isResourceRoot: true);

        Assert.Empty(result.UnknownFields);
        Assert.Equal("""{"spec":{"port":"http","quantity":"1Gi"}}""", result.Value!.ToJsonString());
    }

    [Fact]
    public void Nested_arrays_are_pruned_item_by_item()
    {
        var schema = ParseSchema("""
            {"type": "object", "properties": {"matrix": {"type": "array", "items": {"type": "array", "items": {"type": "object", "properties": {"v": {"type": "integer"}}}}}}}
            """);

        var result = SchemaPruner.Prune(Node("""{"matrix": [[{"v": 1, "w": 2}], [{"v": 3}, {"z": 4}]]}"""), schema, isResourceRoot: true);

        Assert.Equal(["matrix[0][0].w", "matrix[1][1].z"], result.UnknownFields);
        Assert.Equal("""{"matrix":[[{"v":1}],[{"v":3},{}]]}""", result.Value!.ToJsonString());
    }

    [Fact]
    public void AdditionalProperties_true_keeps_keys_but_prunes_object_values_like_upstream()
    {
        var schema = ParseSchema("""{"type": "object", "properties": {"m": {"type": "object", "additionalProperties": true}}}""");

        var result = SchemaPruner.Prune(Node("""{"m": {"a": 1, "b": {"c": 2}}}"""), schema, isResourceRoot: true);

        Assert.Equal(["m.b.c"], result.UnknownFields);
        Assert.Equal("""{"m":{"a":1,"b":{}}}""", result.Value!.ToJsonString());
    }
}
