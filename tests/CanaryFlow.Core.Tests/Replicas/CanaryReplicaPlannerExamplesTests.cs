using System.Globalization;
using CanaryFlow.Core.Replicas;

namespace CanaryFlow.Core.Tests.Replicas;

/// <summary>
/// Worked examples of semantics §2, one reconcile each. Columns: replicas, weight, traffic routing, maxSurge and
/// maxUnavailable resolved to pods, canary and stable ReplicaSets as observed (spec/available), then the plan.
/// With the defaults (25%/25%) 5 replicas resolve to surge 2 / unavailable 1, 10 replicas to 3 / 2, 1 replica to 1 / 0.
/// </summary>
public class CanaryReplicaPlannerExamplesTests
{
    [Theory]
    // replicas, weight, routed, maxSurge, maxUnavailable, canary spec/available, stable spec/available,
    // => canary, stable, actual canary weight; then what the example shows
    [InlineData(5, 20, true, 2, 1, "0/0", "5/5", 1, 5, 0, "routed 20%: ceil(5 * 0.2) = 1 canary pod, stable stays at 5")]
    [InlineData(5, 50, true, 2, 1, "1/1", "5/5", 3, 5, 17, "routed 50%: ceil(2.5) = 3 canary pods")]
    [InlineData(5, 100, true, 2, 1, "5/3", "5/5", 5, 5, 38, "routed 100%: stable waits until the canary is fully available")]
    [InlineData(5, 100, true, 2, 1, "5/5", "5/5", 5, 0, 50, "routed 100%: canary fully available, stable to 0")]
    [InlineData(10, 25, true, 3, 2, "0/0", "10/10", 3, 10, 0, "routed 25% of 10: ceil(2.5) = 3")]
    [InlineData(5, 20, false, 2, 1, "0/0", "5/5", 1, 4, 0, "ratio 20%: one stable pod makes room for one canary pod")]
    [InlineData(5, 50, false, 2, 1, "1/1", "4/4", 3, 3, 20, "ratio 50%: 2.5 rounds up to 3; stable only down to 4 available")]
    [InlineData(5, 50, false, 2, 1, "3/3", "3/3", 3, 2, 50, "ratio 50%: canary available, stable to its target 2")]
    [InlineData(5, 100, false, 2, 1, "3/3", "2/2", 5, 1, 60, "ratio 100%: last stable pod stays while the canary is not available")]
    [InlineData(5, 100, false, 2, 1, "5/5", "1/1", 5, 0, 83, "ratio 100%: canary fully available, stable to 0")]
    [InlineData(5, 5, false, 2, 1, "0/0", "5/5", 1, 4, 0, "ratio 5%: rounds to 0 but a non-zero weight gets one pod")]
    [InlineData(5, 95, false, 2, 1, "3/3", "2/2", 4, 1, 60, "ratio 95%: rounds to 5 but the stable keeps one pod")]
    [InlineData(1, 20, true, 1, 0, "0/0", "1/1", 1, 1, 0, "1 replica routed 20%: one canary pod")]
    [InlineData(1, 20, false, 1, 0, "0/0", "1/1", 1, 1, 0, "1 replica ratio 20%, surge 1: one canary pod beside the stable one")]
    [InlineData(1, 20, false, 0, 1, "0/0", "1/1", 0, 1, 0, "1 replica ratio 20%, surge 0: no canary pod, the stable keeps serving")]
    [InlineData(5, 20, false, 0, 1, "0/0", "5/5", 1, 4, 0, "surge 0 / unavailable 1: one stable pod goes, one canary pod comes")]
    [InlineData(5, 50, false, 0, 1, "1/0", "4/4", 1, 4, 0, "surge 0 / unavailable 1: canary not available yet, nothing moves")]
    [InlineData(5, 50, false, 0, 1, "1/1", "4/4", 2, 3, 20, "surge 0 / unavailable 1: canary available, next pod moves")]
    [InlineData(5, 50, false, 1, 0, "0/0", "5/5", 1, 5, 0, "surge 1 / unavailable 0: canary pod first, stable untouched")]
    [InlineData(5, 50, false, 1, 0, "1/0", "5/5", 1, 5, 0, "surge 1 / unavailable 0: canary pod not available, stable stays 5")]
    [InlineData(5, 50, false, 1, 0, "1/1", "5/5", 2, 4, 17, "surge 1 / unavailable 0: canary pod available, one stable pod goes")]
    [InlineData(5, 50, false, 1, 0, "2/2", "4/3", 3, 3, 40, "surge 1 / unavailable 0: unready stable pods go first, for free")]
    [InlineData(5, 0, false, 1, 0, "3/3", "2/2", 0, 5, 60, "weight 0 without routing: back to the stable at once")]
    [InlineData(4, 50, false, 1, 1, "4/4", "4/4", 2, 2, 50, "replicas cut from 8 to 4: surplus goes, availability kept at 3")]
    [InlineData(5, 50, false, 1, 0, "2/4", "5/5", 3, 3, 44, "stale status: available beyond spec is not counted")]
    [InlineData(0, 50, false, 0, 1, "0/0", "0/0", 0, 0, 0, "no replicas: nothing to run")]
    public void Worked_examples(
        int replicas,
        int weight,
        bool routed,
        int maxSurge,
        int maxUnavailable,
        string canary,
        string stable,
        int expectedCanary,
        int expectedStable,
        int expectedWeight,
        string example)
    {
        var plan = CanaryReplicaPlanner.Plan(new ReplicaPlanInput
        {
            Replicas = replicas,
            DesiredWeight = weight,
            TrafficRouted = routed,
            Limits = new RollingUpdateLimits(maxSurge, maxUnavailable),
            Canary = Counts(canary),
            Stable = Counts(stable),
        });

        Assert.True(new ReplicaPlan(expectedCanary, expectedStable, expectedWeight) == plan, $"{example}: got {plan}");
    }

    [Theory]
    [InlineData(true, 3, 5)]
    [InlineData(false, 3, 2)]
    public void Abort_restores_the_stable_at_once_ignoring_surge(bool routed, int canaryPods, int stablePods)
    {
        // surge 0 / unavailable 0 is not allowed, so surge 1 / unavailable 0: the tightest budget there is.
        var plan = CanaryReplicaPlanner.Plan(new ReplicaPlanInput
        {
            Replicas = 5,
            DesiredWeight = 50,
            TrafficRouted = routed,
            Limits = new RollingUpdateLimits(1, 0),
            Aborted = true,
            Canary = new ReplicaSetCounts(canaryPods, canaryPods),
            Stable = new ReplicaSetCounts(stablePods, stablePods),
        });

        Assert.Equal(0, plan.CanaryReplicas);
        Assert.Equal(5, plan.StableReplicas);
    }

    [Theory]
    // setCanaryScale, weight => canary, stable (10 replicas)
    [InlineData("replicas:2", 10, 2, 10)]
    [InlineData(null, 10, 1, 10)]
    [InlineData("weight:50", 10, 5, 10)]
    [InlineData("weight:1", 10, 1, 10)]
    [InlineData("matchTrafficWeight", 10, 1, 10)]
    [InlineData("matchTrafficWeight", 35, 4, 10)]
    [InlineData("replicas:3", 0, 3, 10)]
    [InlineData("replicas:20", 50, 20, 10)]
    [InlineData("replicas:2", 100, 10, 10)]
    public void Set_canary_scale_with_routing(string? scale, int weight, int expectedCanary, int expectedStable)
    {
        var plan = CanaryReplicaPlanner.Plan(new ReplicaPlanInput
        {
            Replicas = 10,
            DesiredWeight = weight,
            TrafficRouted = true,
            CanaryScale = Scale(scale),
            Limits = new RollingUpdateLimits(3, 2),
            Canary = new ReplicaSetCounts(0, 0),
            Stable = new ReplicaSetCounts(10, 10),
        });

        Assert.Equal((expectedCanary, expectedStable), (plan.CanaryReplicas, plan.StableReplicas));
    }

    [Fact]
    public void Set_canary_scale_is_ignored_without_routing()
    {
        var plan = CanaryReplicaPlanner.Plan(new ReplicaPlanInput
        {
            Replicas = 10,
            DesiredWeight = 10,
            CanaryScale = new CanaryScaleOverride.Replicas(5),
            Limits = new RollingUpdateLimits(3, 2),
            Stable = new ReplicaSetCounts(10, 10),
        });

        Assert.Equal(new ReplicaPlan(1, 9, 0), plan);
    }

    [Fact]
    public void Ratio_steps_converge_on_the_weight_as_canary_pods_become_available()
    {
        // 10 replicas, weight 30, surge 1 / unavailable 0: each reconcile adds one canary pod, and the stable gives
        // up one pod only after a canary pod is available.
        var input = new ReplicaPlanInput
        {
            Replicas = 10,
            DesiredWeight = 30,
            Limits = new RollingUpdateLimits(1, 0),
            Stable = new ReplicaSetCounts(10, 10),
        };
        var plans = new List<(int, int)>();
        for (var reconcile = 0; reconcile < 6; reconcile++)
        {
            var plan = CanaryReplicaPlanner.Plan(input);
            plans.Add((plan.CanaryReplicas, plan.StableReplicas));
            input = input with
            {
                Canary = new ReplicaSetCounts(plan.CanaryReplicas, plan.CanaryReplicas),
                Stable = new ReplicaSetCounts(plan.StableReplicas, plan.StableReplicas),
            };
        }

        Assert.Equal([(1, 10), (2, 9), (3, 8), (3, 7), (3, 7), (3, 7)], plans);
    }

    [Theory]
    [InlineData(-1, 50, 1, 1)]
    [InlineData(5, -1, 1, 1)]
    [InlineData(5, 101, 1, 1)]
    [InlineData(5, 50, 0, 0)]
    [InlineData(5, 50, -1, 1)]
    public void Impossible_inputs_are_refused(int replicas, int weight, int maxSurge, int maxUnavailable)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CanaryReplicaPlanner.Plan(new ReplicaPlanInput
        {
            Replicas = replicas,
            DesiredWeight = weight,
            Limits = new RollingUpdateLimits(maxSurge, maxUnavailable),
        }));
    }

    private static ReplicaSetCounts Counts(string specAndAvailable)
    {
        var parts = specAndAvailable.Split('/');
        return new ReplicaSetCounts(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static CanaryScaleOverride? Scale(string? text) => text?.Split(':') switch
    {
        null => null,
        ["replicas", var count] => new CanaryScaleOverride.Replicas(int.Parse(count, CultureInfo.InvariantCulture)),
        ["weight", var percent] => new CanaryScaleOverride.Weight(int.Parse(percent, CultureInfo.InvariantCulture)),
        ["matchTrafficWeight"] => new CanaryScaleOverride.MatchTrafficWeight(),
        _ => throw new ArgumentException(text, nameof(text)),
    };
}
