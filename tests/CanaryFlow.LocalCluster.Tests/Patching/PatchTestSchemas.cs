using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Schema;

namespace CanaryFlow.LocalCluster.Tests.Patching;

/// <summary>Cut-down OpenAPI schemas of built-in kinds carrying the patch metadata the real ones declare.</summary>
internal static class PatchTestSchemas
{
    private const string _containers = """
        {
          "type": "array",
          "x-kubernetes-list-type": "map",
          "x-kubernetes-list-map-keys": ["name"],
          "x-kubernetes-patch-strategy": "merge",
          "x-kubernetes-patch-merge-key": "name",
          "items": {
            "type": "object",
            "properties": {
              "name": {"type": "string"},
              "image": {"type": "string"},
              "args": {"type": "array", "items": {"type": "string"}, "x-kubernetes-list-type": "atomic"},
              "env": {
                "type": "array",
                "x-kubernetes-list-type": "map",
                "x-kubernetes-list-map-keys": ["name"],
                "x-kubernetes-patch-strategy": "merge",
                "x-kubernetes-patch-merge-key": "name",
                "items": {"type": "object", "properties": {"name": {"type": "string"}, "value": {"type": "string"}}}
              }
            }
          }
        }
        """;

    private const string _metadata = """
        {
          "type": "object",
          "properties": {
            "name": {"type": "string"},
            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
            "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
            "finalizers": {"type": "array", "items": {"type": "string"}, "x-kubernetes-patch-strategy": "merge"}
          }
        }
        """;

    public static StructuralSchema Deployment { get; } = ParseKind("""
        {
          "type": "object",
          "properties": {
            "apiVersion": {"type": "string"},
            "kind": {"type": "string"},
            "metadata": METADATA,
            "spec": {
              "type": "object",
              "properties": {
                "replicas": {"type": "integer"},
                "strategy": {
                  "type": "object",
                  "x-kubernetes-patch-strategy": "retainKeys",
                  "properties": {
                    "type": {"type": "string"},
                    "rollingUpdate": {
                      "type": "object",
                      "properties": {
                        "maxSurge": {"x-kubernetes-int-or-string": true},
                        "maxUnavailable": {"x-kubernetes-int-or-string": true}
                      }
                    }
                  }
                },
                "template": {
                  "type": "object",
                  "properties": {
                    "metadata": METADATA,
                    "spec": {
                      "type": "object",
                      "properties": {
                        "nodeName": {"type": "string"},
                        "nodeSelector": {"type": "object", "additionalProperties": {"type": "string"}, "x-kubernetes-map-type": "atomic"},
                        "containers": CONTAINERS,
                        "initContainers": CONTAINERS,
                        "tolerations": {
                          "type": "array",
                          "x-kubernetes-list-type": "atomic",
                          "items": {"type": "object", "properties": {"key": {"type": "string"}, "effect": {"type": "string"}}}
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
        """);

    public static StructuralSchema Service { get; } = ParseKind("""
        {
          "type": "object",
          "properties": {
            "apiVersion": {"type": "string"},
            "kind": {"type": "string"},
            "metadata": METADATA,
            "spec": {
              "type": "object",
              "properties": {
                "ports": {
                  "type": "array",
                  "x-kubernetes-list-type": "map",
                  "x-kubernetes-list-map-keys": ["port", "protocol"],
                  "x-kubernetes-patch-strategy": "merge",
                  "x-kubernetes-patch-merge-key": "port",
                  "items": {
                    "type": "object",
                    "properties": {
                      "name": {"type": "string"},
                      "protocol": {"type": "string"},
                      "port": {"type": "integer"},
                      "targetPort": {"x-kubernetes-int-or-string": true}
                    }
                  }
                },
                "selector": {"type": "object", "additionalProperties": {"type": "string"}, "x-kubernetes-map-type": "atomic"},
                "clusterIP": {"type": "string"},
                "clusterIPs": {"type": "array", "items": {"type": "string"}, "x-kubernetes-list-type": "atomic"},
                "type": {"type": "string"}
              }
            },
            "status": {"type": "object", "properties": {"loadBalancer": {"type": "object"}}}
          }
        }
        """);

    public static StructuralSchema Parse(string json) => StructuralSchema.Parse(JsonNode.Parse(json)!.AsObject());

    private static StructuralSchema ParseKind(string json) =>
        Parse(json.Replace("METADATA", _metadata, StringComparison.Ordinal).Replace("CONTAINERS", _containers, StringComparison.Ordinal));
}
