using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Controller.Rollouts;

/// <summary>The work-queue key of a Rollout.</summary>
public readonly record struct RolloutKey(string Namespace, string Name)
{
    public static RolloutKey Of(IKubernetesObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new RolloutKey(obj.Metadata.Namespace ?? "", obj.Metadata.Name ?? "");
    }

    public override string ToString() => Namespace + "/" + Name;
}
