namespace CanaryFlow.Kubernetes.Models;

/// <summary>core/v1 Secret. <see cref="Data"/> is base64 on the wire, which is how System.Text.Json writes byte arrays.</summary>
public sealed record Secret() : KubernetesObject("v1", "Secret")
{
    public IReadOnlyDictionary<string, byte[]>? Data { get; init; }

    /// <summary>Write-only convenience: the server merges it into <see cref="Data"/> and never returns it.</summary>
    public IReadOnlyDictionary<string, string>? StringData { get; init; }

    /// <summary>Opaque, kubernetes.io/tls, kubernetes.io/dockerconfigjson, …</summary>
    public string? Type { get; init; }

    public bool? Immutable { get; init; }
}
