using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Kubernetes.Events;

public static class KubernetesObjectReferences
{
    /// <summary>
    /// A reference by apiVersion, kind, namespace, name and uid. The resourceVersion is left out on purpose: repeats of
    /// an event about an object that keeps changing are still the same event.
    /// </summary>
    public static ObjectReference ToObjectReference(this IKubernetesObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new ObjectReference
        {
            ApiVersion = obj.ApiVersion,
            Kind = obj.Kind,
            Namespace = obj.Metadata.Namespace,
            Name = obj.Metadata.Name,
            Uid = obj.Metadata.Uid,
        };
    }
}
