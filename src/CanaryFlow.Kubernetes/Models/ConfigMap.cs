namespace CanaryFlow.Kubernetes.Models;

/// <summary>core/v1 ConfigMap.</summary>
public sealed record ConfigMap() : KubernetesObject("v1", "ConfigMap")
{
    public IReadOnlyDictionary<string, string>? Data { get; init; }

    /// <summary>Base64 on the wire; keys must not repeat those of <see cref="Data"/>.</summary>
    public IReadOnlyDictionary<string, byte[]>? BinaryData { get; init; }

    public bool? Immutable { get; init; }
}
