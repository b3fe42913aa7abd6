using System.Text.Json;
using System.Text.Json.Serialization;

namespace CanaryFlow.Kubernetes.Models;

/// <summary>core/v1 Container; probes, mounts, lifecycle and security context stay in <see cref="ExtensionData"/>.</summary>
public sealed record Container : KubernetesRecord
{
    public string? Name { get; init; }

    public string? Image { get; init; }

    public string? ImagePullPolicy { get; init; }

    public IReadOnlyList<string>? Command { get; init; }

    public IReadOnlyList<string>? Args { get; init; }

    public string? WorkingDir { get; init; }

    public IReadOnlyList<EnvVar>? Env { get; init; }

    public IReadOnlyList<ContainerPort>? Ports { get; init; }

    public ResourceRequirements? Resources { get; init; }
}

public sealed record EnvVar : KubernetesRecord
{
    public string? Name { get; init; }

    public string? Value { get; init; }

    /// <summary>Secret, ConfigMap, field or resource references: passed through, never interpreted here.</summary>
    public JsonElement? ValueFrom { get; init; }
}

public sealed record ContainerPort : KubernetesRecord
{
    public string? Name { get; init; }

    // A member cannot share its record's name, so the wire's containerPort is Port here.
    [JsonPropertyName("containerPort")]
    public int? Port { get; init; }

    /// <summary>TCP (the server's default), UDP or SCTP.</summary>
    public string? Protocol { get; init; }

    public int? HostPort { get; init; }

    [JsonPropertyName("hostIP")]
    public string? HostIP { get; init; }
}

/// <summary>core/v1 ResourceRequirements: resource name (cpu, memory, …) to quantity.</summary>
public sealed record ResourceRequirements : KubernetesRecord
{
    public IReadOnlyDictionary<string, Quantity>? Limits { get; init; }

    public IReadOnlyDictionary<string, Quantity>? Requests { get; init; }
}
