using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Client;

namespace CanaryFlow.Cli.Cluster;

/// <summary>
/// The resource types of CanaryFlow's CRDs as the plugin addresses them. The controller describes the same types in
/// its own project; the plugin may depend only on Core and Kubernetes (architecture.md), so it names them here.
/// </summary>
internal static class CanaryFlowResources
{
    public static ResourceType Rollouts { get; } = new(RolloutApi.Group, RolloutApi.Version, "rollouts", "Rollout", Namespaced: true);

    public static ResourceType AnalysisRuns { get; } = new(RolloutApi.Group, RolloutApi.Version, "analysisruns", "AnalysisRun", Namespaced: true);
}
