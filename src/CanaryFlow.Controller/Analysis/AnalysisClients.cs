using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Controller.Analysis;

/// <summary>The typed clients of the kinds the analysis engine reads and writes.</summary>
public sealed record AnalysisClients(
    ResourceClient<AnalysisRun> Runs,
    ResourceClient<AnalysisTemplate> Templates,
    ResourceClient<ClusterAnalysisTemplate> ClusterTemplates,
    ResourceClient<Secret> Secrets)
{
    public static ResourceType RunType { get; } = new(RolloutApi.Group, RolloutApi.Version, "analysisruns", "AnalysisRun", Namespaced: true);

    public static ResourceType TemplateType { get; } = new(RolloutApi.Group, RolloutApi.Version, "analysistemplates", "AnalysisTemplate", Namespaced: true);

    public static ResourceType ClusterTemplateType { get; } = new(RolloutApi.Group, RolloutApi.Version, "clusteranalysistemplates", "ClusterAnalysisTemplate", Namespaced: false);

    public static AnalysisClients Create(KubernetesClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new AnalysisClients(
            client.Resource(RunType, CoreJsonContext.Default.AnalysisRun, CoreJsonContext.Default.KubernetesListAnalysisRun),
            client.Resource(TemplateType, CoreJsonContext.Default.AnalysisTemplate, CoreJsonContext.Default.KubernetesListAnalysisTemplate),
            client.Resource(ClusterTemplateType, CoreJsonContext.Default.ClusterAnalysisTemplate, CoreJsonContext.Default.KubernetesListClusterAnalysisTemplate),
            client.Resource<Secret>(ResourceTypes.Secrets));
    }
}
