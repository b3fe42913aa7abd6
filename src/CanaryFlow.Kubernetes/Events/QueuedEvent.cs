using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Kubernetes.Events;

/// <summary>One recorded occurrence waiting to be written, stamped with the time it was recorded.</summary>
internal sealed record QueuedEvent(EventIdentity Identity, ObjectReference Regarding, DateTimeOffset ObservedAt);
