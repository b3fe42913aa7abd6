using System.Text.Json;
using System.Text.Json.Serialization;

namespace CanaryFlow.Kubernetes.Models;

/// <summary>core/v1 Service: the canary and stable services whose selectors the controller points at ReplicaSets.</summary>
public sealed record Service() : KubernetesObject("v1", "Service")
{
    public ServiceSpec? Spec { get; init; }

    /// <summary>Load-balancer state written by cloud controllers; never interpreted, only carried through.</summary>
    public JsonElement? Status { get; init; }
}

/// <summary>core/v1 ServiceSpec; clusterIPs, ipFamilies, session affinity and the rest stay in extension data.</summary>
public sealed record ServiceSpec : KubernetesRecord
{
    public IReadOnlyDictionary<string, string>? Selector { get; init; }

    public IReadOnlyList<ServicePort>? Ports { get; init; }

    /// <summary>ClusterIP, NodePort, LoadBalancer or ExternalName.</summary>
    public string? Type { get; init; }

    /// <summary>Immutable once allocated: an update must send back the value it read.</summary>
    [JsonPropertyName("clusterIP")]
    public string? ClusterIP { get; init; }
}

public sealed record ServicePort : KubernetesRecord
{
    public string? Name { get; init; }

    public string? Protocol { get; init; }

    public string? AppProtocol { get; init; }

    public int? Port { get; init; }

    /// <summary>A container port number or the name of a container port.</summary>
    public IntOrString? TargetPort { get; init; }

    public int? NodePort { get; init; }
}
