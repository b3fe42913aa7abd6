namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

/// <summary>Several kubeconfig files seen as one: for every name, the entry of the first file that defines it.</summary>
internal sealed class MergedKubeconfig
{
    public required IReadOnlyList<string> Files { get; init; }
    public string? CurrentContext { get; init; }
    public required IReadOnlyDictionary<string, KubeconfigEntry<KubeconfigCluster>> Clusters { get; init; }
    public required IReadOnlyDictionary<string, KubeconfigEntry<KubeconfigUser>> Users { get; init; }
    public required IReadOnlyDictionary<string, KubeconfigEntry<KubeconfigContext>> Contexts { get; init; }

    /// <summary>The files, for messages about the configuration as a whole.</summary>
    public string Describe() => string.Join(", ", Files);
}
