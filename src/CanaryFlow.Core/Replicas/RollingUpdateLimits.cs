using System.Diagnostics.CodeAnalysis;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Core.Replicas;

/// <summary>
/// <c>maxSurge</c> and <c>maxUnavailable</c> resolved to pod counts for one value of <c>spec.replicas</c>: how many
/// pods may exist above <c>replicas</c>, and how many below <c>replicas</c> may be unavailable, while pods move from
/// one ReplicaSet to another. Build it with <see cref="TryResolve"/>.
/// </summary>
public readonly record struct RollingUpdateLimits(int MaxSurge, int MaxUnavailable)
{
    /// <summary>Argo Rollouts' and Kubernetes Deployments' default.</summary>
    public static readonly IntOrString DefaultMaxSurge = "25%";

    /// <summary>Argo Rollouts' and Kubernetes Deployments' default.</summary>
    public static readonly IntOrString DefaultMaxUnavailable = "25%";

    /// <summary>
    /// Kubernetes' <c>deploymentutil.ResolveFenceposts</c>: a surge percentage rounds up and an unavailability
    /// percentage rounds down (both err on the side of keeping pods), an absent field takes the 25% default, and
    /// when both come out 0 <c>maxUnavailable</c> becomes 1, because with neither a surge nor an unavailable pod
    /// allowed no pod could ever move. <c>maxUnavailable</c> above 100% is refused, as Kubernetes validation does.
    /// </summary>
    /// <param name="error">Names the field and the problem, for an <c>InvalidSpec</c> condition.</param>
    public static bool TryResolve(
        IntOrString? maxSurge,
        IntOrString? maxUnavailable,
        int replicas,
        out RollingUpdateLimits limits,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replicas);
        limits = default;
        var unavailableValue = maxUnavailable ?? DefaultMaxUnavailable;
        if (!IntOrPercent.TryGetScaledValue(maxSurge ?? DefaultMaxSurge, replicas, roundUp: true, out var surge, out error))
        {
            error = "maxSurge: " + error;
            return false;
        }

        if (!IntOrPercent.TryGetScaledValue(unavailableValue, replicas, roundUp: false, out var unavailable, out error))
        {
            error = "maxUnavailable: " + error;
            return false;
        }

        if (unavailableValue.IsString && IntOrPercent.TryGetPercent(unavailableValue.StringValue, out var percent, out _) && percent > 100)
        {
            error = $"maxUnavailable: invalid value \"{unavailableValue.StringValue}\": must not be greater than 100%";
            return false;
        }

        limits = new RollingUpdateLimits(surge, surge == 0 && unavailable == 0 ? 1 : unavailable);
        return true;
    }
}
