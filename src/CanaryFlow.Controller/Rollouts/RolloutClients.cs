using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Controller.Rollouts;

/// <summary>The typed clients of the kinds the Rollout controller reads and writes.</summary>
public sealed record RolloutClients(
    ResourceClient<Rollout> Rollouts,
    ResourceClient<ReplicaSet> ReplicaSets,
    ResourceClient<Service> Services,
    ResourceClient<Pod> Pods,
    ResourceClient<HttpRoute> HttpRoutes,
    ResourceClient<Ingress> Ingresses)
{
    public static ResourceType RolloutType { get; } = new(RolloutApi.Group, RolloutApi.Version, "rollouts", "Rollout", Namespaced: true);

    public static RolloutClients Create(KubernetesClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new RolloutClients(
            client.Resource(RolloutType, CoreJsonContext.Default.Rollout, CoreJsonContext.Default.KubernetesListRollout),
            client.Resource<ReplicaSet>(ResourceTypes.ReplicaSets),
            client.Resource<Service>(ResourceTypes.Services),
            client.Resource<Pod>(ResourceTypes.Pods),
            client.Resource<HttpRoute>(ResourceTypes.HttpRoutes),
            client.Resource<Ingress>(ResourceTypes.Ingresses));
    }
}
