using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Kubernetes.Events;

/// <summary>
/// Emits Kubernetes Events about objects, best effort: recording never blocks the caller and never fails it, whatever
/// the API server does.
/// </summary>
public interface IEventRecorder
{
    /// <param name="regarding">The object the event is about; its namespace (or <c>default</c>) is the event's.</param>
    /// <param name="type"><see cref="EventTypes.Normal"/> or <see cref="EventTypes.Warning"/>.</param>
    /// <param name="reason">Why the action was taken, UpperCamelCase, at most 128 characters (e.g. RolloutAborted).</param>
    /// <param name="action">What was done, at most 128 characters (e.g. Abort).</param>
    /// <param name="note">Human-readable; cut to 1 KiB of UTF-8.</param>
    void Record(ObjectReference regarding, string type, string reason, string action, string note);

    /// <summary>Records an event about <paramref name="regarding"/>, referenced by apiVersion, kind, namespace, name and uid.</summary>
    void Record(IKubernetesObject regarding, string type, string reason, string action, string note);
}
