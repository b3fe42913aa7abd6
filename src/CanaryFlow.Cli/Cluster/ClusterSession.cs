using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Cli.Cluster;

/// <summary>
/// One command's connection: the kubeconfig resolved as kubectl resolves it, the namespace to use, and the typed
/// clients of the kinds the plugin reads and writes.
/// </summary>
internal sealed class ClusterSession : IDisposable
{
    private readonly KubernetesClient _client;

    private ClusterSession(KubernetesClient client, string ns)
    {
        _client = client;
        Namespace = ns;
        Rollouts = client.Resource(CanaryFlowResources.Rollouts, CoreJsonContext.Default.Rollout, CoreJsonContext.Default.KubernetesListRollout);
        AnalysisRuns = client.Resource(CanaryFlowResources.AnalysisRuns, CoreJsonContext.Default.AnalysisRun, CoreJsonContext.Default.KubernetesListAnalysisRun);
        ReplicaSets = client.Resource<ReplicaSet>(ResourceTypes.ReplicaSets);
        Pods = client.Resource<Pod>(ResourceTypes.Pods);
    }

    /// <summary>-n, else the context's namespace, else "default" (as kubectl).</summary>
    public string Namespace { get; }

    public ResourceClient<Rollout> Rollouts { get; }

    public ResourceClient<AnalysisRun> AnalysisRuns { get; }

    public ResourceClient<ReplicaSet> ReplicaSets { get; }

    public ResourceClient<Pod> Pods { get; }

    /// <exception cref="KubeconfigException">The kubeconfig cannot be used.</exception>
    public static ClusterSession Open(ClusterTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var connection = KubeconfigLoader.Load(target.Kubeconfig, target.Context);
        SystemTrustStoreBypass.ApplyIfSafe(connection);

        // A person at a terminal wants an answer or an error quickly, not a controller's patience: few retries, short timeouts.
        var options = new KubernetesClientOptions
        {
            RequestTimeout = TimeSpan.FromSeconds(20),
            Retry = RetryPolicy.Default with { MaxAttempts = 3, MaxDelay = TimeSpan.FromSeconds(2) },
            FieldManager = "kubectl-canaryflow",
            UserAgent = $"kubectl-canaryflow/{PluginVersion.Text}",
        };
        var client = new KubernetesClient(connection, options);
        return new ClusterSession(client, string.IsNullOrEmpty(target.Namespace) ? connection.Namespace : target.Namespace);
    }

    public void Dispose() => _client.Dispose();
}
