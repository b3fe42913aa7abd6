namespace CanaryFlow.Kubernetes.Client;

public enum ResourceEventType
{
    Added,
    Modified,

    /// <summary>The object was deleted, or (with a selector) stopped matching it: the object is its last state.</summary>
    Deleted,

    /// <summary>Only the resourceVersion matters: everything before it has been delivered.</summary>
    Bookmark,
}

/// <summary>A typed watch event.</summary>
public sealed record ResourceEvent<T>(ResourceEventType Type, T Object);
