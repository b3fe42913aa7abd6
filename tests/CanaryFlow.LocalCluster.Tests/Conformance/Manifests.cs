namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>YAML manifests of built-in kinds, as a user would write them for kubectl.</summary>
public static class Manifests
{
    public static string Namespace(string name) => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {name}
        """;

    /// <summary>A ReplicaSet whose pods carry the label <c>app: {name}</c>.</summary>
    public static string ReplicaSet(string ns, string name, int replicas) => $"""
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          replicas: {replicas}
          selector:
            matchLabels: {"{"}app: {name}{"}"}
          template:
            metadata:
              labels: {"{"}app: {name}{"}"}
            spec:
              containers:
              - name: web
                image: web:1
        """;
}
