namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

/// <summary>A named cluster, user or context after merging, with the place that defined it.</summary>
internal sealed class KubeconfigEntry<T>(string name, T value, KubeconfigEntryLocation location)
{
    public string Name { get; } = name;
    public T Value { get; } = value;
    public KubeconfigEntryLocation Location { get; } = location;
}
