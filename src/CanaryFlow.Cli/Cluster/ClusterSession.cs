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

    private readonly Lazy<ResourceClient<Rollout>> _rollouts;
    private readonly Lazy<ResourceClient<AnalysisRun>> _analysisRuns;
    private readonly Lazy<ResourceClient<ReplicaSet>> _replicaSets;
    private readonly Lazy<ResourceClient<Pod>> _pods;

    private ClusterSession(KubernetesClient client, string ns)
    {
        _client = client;
        Namespace = ns;

        // Made on first use: each sets up System.Text.Json's metadata for its whole object graph, which on a fresh
        // process costs milliseconds, and most commands need only the Rollouts.
        _rollouts = new(() => client.Resource(CanaryFlowResources.Rollouts, CoreJsonContext.Default.Rollout, CoreJsonContext.Default.KubernetesListRollout));
        _analysisRuns = new(() => client.Resource(CanaryFlowResources.AnalysisRuns, CoreJsonContext.Default.AnalysisRun, CoreJsonContext.Default.KubernetesListAnalysisRun));
        _replicaSets = new(() => client.Resource<ReplicaSet>(ResourceTypes.ReplicaSets));
        _pods = new(() => client.Resource<Pod>(ResourceTypes.Pods));
    }

    /// <summary>-n, else the context's namespace, else "default" (as kubectl).</summary>
    public string Namespace { get; }

    public ResourceClient<Rollout> Rollouts => _rollouts.Value;

    public ResourceClient<AnalysisRun> AnalysisRuns => _analysisRuns.Value;

    public ResourceClient<ReplicaSet> ReplicaSets => _replicaSets.Value;

    public ResourceClient<Pod> Pods => _pods.Value;

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
