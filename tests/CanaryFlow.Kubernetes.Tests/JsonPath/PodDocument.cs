using System.Text.Json.Nodes;

namespace CanaryFlow.Kubernetes.Tests.JsonPath;

/// <summary>A realistic Pod, as the API server returns it, for JSONPath tests.</summary>
internal static class PodDocument
{
    public static JsonNode Create() => JsonNode.Parse("""
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {
            "name": "web-7d4b9c",
            "namespace": "prod",
            "labels": {
              "app.kubernetes.io/name": "web",
              "pod-template-hash": "7d4b9c",
              "track": "canary"
            },
            "annotations": { "note": null }
          },
          "spec": {
            "nodeName": "node-a",
            "initContainers": [
              { "name": "migrate", "image": "registry.example/migrate:1.2" }
            ],
            "containers": [
              { "name": "web", "image": "registry.example/web:2.0", "ports": [ { "containerPort": 8080 } ] },
              { "name": "sidecar", "image": "registry.example/proxy:1.9", "ports": [ { "containerPort": 15001 } ] },
              { "name": "web-7d4b9c", "image": "registry.example/debug:0.1" }
            ]
          },
          "status": {
            "phase": "Running",
            "conditions": [
              { "type": "Initialized", "status": "True", "lastProbeTime": null },
              { "type": "Ready", "status": "True", "lastProbeTime": "2026-01-01T00:00:00Z" },
              { "type": "ContainersReady", "status": "False" },
              { "type": "PodScheduled", "status": "True" }
            ],
            "containerStatuses": [
              { "name": "web", "ready": true, "restartCount": 0 },
              { "name": "sidecar", "ready": false, "restartCount": 3 }
            ]
          }
        }
        """)!;
}
