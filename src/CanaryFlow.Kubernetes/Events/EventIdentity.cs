namespace CanaryFlow.Kubernetes.Events;

/// <summary>What makes two events the same event: repeats of it are written as a series of one Event object.</summary>
internal readonly record struct EventIdentity(RegardingIdentity Regarding, string FieldPath, string Type, string Reason, string Action, string Note)
{
    /// <summary>The namespace the Event lives in: the object's, or <c>default</c> for cluster-scoped objects.</summary>
    public string EventNamespace => Regarding.Namespace.Length > 0 ? Regarding.Namespace : "default";
}
