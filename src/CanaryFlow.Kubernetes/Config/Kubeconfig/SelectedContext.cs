namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

/// <summary>The context in use and the cluster and user it names (no user: anonymous).</summary>
internal sealed class SelectedContext
{
    public required KubeconfigEntry<KubeconfigContext> Context { get; init; }
    public required KubeconfigEntry<KubeconfigCluster> Cluster { get; init; }
    public KubeconfigEntry<KubeconfigUser>? User { get; init; }
}
