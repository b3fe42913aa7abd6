namespace CanaryFlow.Kubernetes.Models;

/// <summary>
/// A top-level Kubernetes object: what the typed client reads, writes, lists and watches. Implementations are records
/// with init-only properties; a writer changes an object with <c>with</c> and sends the copy.
/// </summary>
public interface IKubernetesObject
{
    string? ApiVersion { get; init; }

    string? Kind { get; init; }

    ObjectMeta Metadata { get; init; }
}
