using CanaryFlow.Core.Replicas;
using CanaryFlow.Kubernetes.Models;
using FsCheck;
using FsCheck.Fluent;

namespace CanaryFlow.Core.Tests.Replicas;

/// <summary>A random Rollout and observed ReplicaSets for the planner's properties.</summary>
public sealed record ScalingCase(ReplicaPlanInput Input, IntOrString MaxSurge, IntOrString MaxUnavailable)
{
    public int Replicas => Input.Replicas;

    public RollingUpdateLimits Limits => Input.Limits;

    public static Arbitrary<ScalingCase> Arbitrary(bool routed, bool reachable) =>
        Generate(routed, reachable).ToArbitrary();

    // Observed states are either reachable ones (within replicas + maxSurge, available <= spec) or anything at all,
    // including lagging status and a spec.replicas that just changed.
    private static Gen<ScalingCase> Generate(bool routed, bool reachable) =>
        from replicas in Gen.Choose(0, 50)
        from weight in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Constant(100)), (6, Gen.Choose(1, 99)))
        from maxSurge in IntOrPercentValue()
        from maxUnavailable in IntOrPercentValue(maxPercent: 100)
        let limits = Resolve(maxSurge, maxUnavailable, replicas)
        from canary in Counts(reachable ? replicas + limits.MaxSurge : 60, reachable)
        from stable in Counts(reachable ? replicas + limits.MaxSurge - canary.Replicas : 60, reachable)
        from aborted in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        from scale in routed ? CanaryScale() : Gen.Constant<CanaryScaleOverride?>(null)
        select new ScalingCase(
            new ReplicaPlanInput
            {
                Replicas = replicas,
                DesiredWeight = weight,
                TrafficRouted = routed,
                CanaryScale = scale,
                Limits = limits,
                Aborted = aborted,
                Canary = canary,
                Stable = stable,
            },
            maxSurge,
            maxUnavailable);

    private static Gen<IntOrString> IntOrPercentValue(int maxPercent = 200) => Gen.OneOf(
        Gen.Choose(0, 10).Select(IntOrString.FromInt32),
        Gen.Choose(0, maxPercent).Select(percent => IntOrString.FromString($"{percent}%")));

    private static Gen<ReplicaSetCounts> Counts(int maxReplicas, bool reachable) =>
        from replicas in Gen.Choose(0, Math.Max(0, maxReplicas))
        from available in Gen.Choose(0, reachable ? replicas : 60)
        select new ReplicaSetCounts(replicas, available);

    private static Gen<CanaryScaleOverride?> CanaryScale() => Gen.OneOf(
        Gen.Constant<CanaryScaleOverride?>(null),
        Gen.Constant<CanaryScaleOverride?>(new CanaryScaleOverride.MatchTrafficWeight()),
        Gen.Choose(0, 100).Select(percent => (CanaryScaleOverride?)new CanaryScaleOverride.Weight(percent)),
        Gen.Choose(0, 60).Select(count => (CanaryScaleOverride?)new CanaryScaleOverride.Replicas(count)));

    private static RollingUpdateLimits Resolve(IntOrString maxSurge, IntOrString maxUnavailable, int replicas) =>
        RollingUpdateLimits.TryResolve(maxSurge, maxUnavailable, replicas, out var limits, out var error)
            ? limits
            : throw new InvalidOperationException(error);
}
