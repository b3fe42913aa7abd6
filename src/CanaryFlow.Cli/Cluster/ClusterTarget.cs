namespace CanaryFlow.Cli.Cluster;

/// <summary>Which cluster, identity and namespace a command talks to: kubectl's --kubeconfig, --context, -n and -A.</summary>
internal sealed record ClusterTarget(string? Kubeconfig, string? Context, string? Namespace, bool AllNamespaces);
