using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// The fields of metav1.ObjectMeta as a schema. The real server round-trips the metadata of custom resources (and of
/// embedded resources) through the typed ObjectMeta, which drops every other field; pruning against this schema
/// reproduces that.
/// </summary>
public static class ObjectMetaSchema
{
    private const string _json = """
        {
          "type": "object",
          "properties": {
            "name": {"type": "string"},
            "generateName": {"type": "string"},
            "namespace": {"type": "string"},
            "selfLink": {"type": "string"},
            "uid": {"type": "string"},
            "resourceVersion": {"type": "string"},
            "generation": {"type": "integer", "format": "int64"},
            "creationTimestamp": {"type": "string", "format": "date-time"},
            "deletionTimestamp": {"type": "string", "format": "date-time"},
            "deletionGracePeriodSeconds": {"type": "integer", "format": "int64"},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
            "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
            "ownerReferences": {
              "type": "array",
              "x-kubernetes-list-type": "map",
              "x-kubernetes-list-map-keys": ["uid"],
              "x-kubernetes-patch-merge-key": "uid",
              "x-kubernetes-patch-strategy": "merge",
              "items": {
                "type": "object",
                "required": ["apiVersion", "kind", "name", "uid"],
                "properties": {
                  "apiVersion": {"type": "string"},
                  "kind": {"type": "string"},
                  "name": {"type": "string"},
                  "uid": {"type": "string"},
                  "controller": {"type": "boolean"},
                  "blockOwnerDeletion": {"type": "boolean"}
                }
              }
            },
            "finalizers": {
              "type": "array",
              "x-kubernetes-list-type": "set",
              "x-kubernetes-patch-strategy": "merge",
              "items": {"type": "string"}
            },
            "managedFields": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "manager": {"type": "string"},
                  "operation": {"type": "string"},
                  "apiVersion": {"type": "string"},
                  "time": {"type": "string", "format": "date-time"},
                  "fieldsType": {"type": "string"},
                  "fieldsV1": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
                  "subresource": {"type": "string"}
                }
              }
            }
          }
        }
        """;

    /// <summary>Parsed once; shared, so it must not be mutated.</summary>
    public static StructuralSchema Instance { get; } = StructuralSchema.Parse((JsonObject)JsonNode.Parse(_json)!);
}
