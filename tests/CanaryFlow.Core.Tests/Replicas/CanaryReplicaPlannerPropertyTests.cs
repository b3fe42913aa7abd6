using CanaryFlow.Core.Replicas;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CanaryFlow.Core.Tests.Replicas;

/// <summary>
/// Invariants of <see cref="CanaryReplicaPlanner"/> over random Rollouts and observed states. FsCheck prints the
/// failing case and a Replay seed; put the seed in <c>[Property(Replay = "...")]</c> to reproduce it.
/// </summary>
public class CanaryReplicaPlannerPropertyTests
{
    [Property(MaxTest = 3000)]
    public Property Without_routing_the_plan_never_exceeds_replicas_plus_surge_from_a_reachable_state() =>
        Prop.ForAll(ScalingCase.Arbitrary(routed: false, reachable: true), scaling =>
        {
            var plan = CanaryReplicaPlanner.Plan(scaling.Input);

            Assert.True(plan.CanaryReplicas + plan.StableReplicas <= scaling.Replicas + scaling.Limits.MaxSurge, $"{plan} for {scaling}");
        });

    [Property(MaxTest = 3000)]
    public Property Without_routing_the_plan_only_grows_within_the_surge_from_any_state() =>
        Prop.ForAll(ScalingCase.Arbitrary(routed: false, reachable: false), scaling =>
        {
            var input = scaling.Input;
            var plan = CanaryReplicaPlanner.Plan(input);
            var observedTotal = input.Canary.Replicas + input.Stable.Replicas;
            var total = plan.CanaryReplicas + plan.StableReplicas;
            var grew = plan.CanaryReplicas > input.Canary.Replicas || plan.StableReplicas > input.Stable.Replicas;

            if (IsWayBack(input))
            {
                Assert.Equal(new ReplicaPlan(0, input.Replicas, plan.ActualCanaryWeight), plan);
                return;
            }

            Assert.True(total <= Math.Max(input.Replicas + input.Limits.MaxSurge, observedTotal), $"{plan} for {scaling}");
            Assert.True(!grew || total <= input.Replicas + input.Limits.MaxSurge, $"{plan} grew beyond the surge for {scaling}");
        });

    [Property(MaxTest = 3000)]
    public Property Without_routing_available_pods_never_drop_below_what_max_unavailable_allows() =>
        Prop.ForAll(ScalingCase.Arbitrary(routed: false, reachable: false), scaling =>
        {
            var input = scaling.Input;
            if (IsWayBack(input))
            {
                return;
            }

            var plan = CanaryReplicaPlanner.Plan(input);
            var canaryAvailable = Math.Min(input.Canary.Replicas, input.Canary.AvailableReplicas);
            var stableAvailable = Math.Min(input.Stable.Replicas, input.Stable.AvailableReplicas);
            var availableAfter = Math.Min(canaryAvailable, plan.CanaryReplicas) + Math.Min(stableAvailable, plan.StableReplicas);
            var required = Math.Min(Math.Max(0, input.Replicas - input.Limits.MaxUnavailable), canaryAvailable + stableAvailable);

            Assert.True(availableAfter >= required, $"{plan} keeps {availableAfter} available, needs {required}, for {scaling}");
        });

    [Property(MaxTest = 3000)]
    public Property Without_routing_each_side_moves_toward_its_target_and_never_past_it() =>
        Prop.ForAll(ScalingCase.Arbitrary(routed: false, reachable: false), scaling =>
        {
            var input = scaling.Input;
            if (IsWayBack(input) || input.Replicas == 0)
            {
                return;
            }

            var plan = CanaryReplicaPlanner.Plan(input);
            var (canaryTarget, stableTarget) = CanaryReplicaTargets.ReplicaRatio(input.Replicas, input.DesiredWeight, input.Limits.MaxSurge);

            AssertBetween(input.Canary.Replicas, canaryTarget, plan.CanaryReplicas, scaling);
            // At 100% the stable may keep one pod above its target of 0 until the canary is fully available.
            AssertBetween(input.Stable.Replicas, stableTarget, plan.StableReplicas, scaling, input.DesiredWeight == 100 ? 1 : 0);
        });

    [Property(MaxTest = 1000)]
    public Property At_weight_100_a_fully_available_canary_promotes_to_replicas_and_zero() =>
        Prop.ForAll(ScalingCase.Arbitrary(routed: false, reachable: false), Arb.From(Gen.Elements(true, false)), (scaling, routed) =>
        {
            var input = scaling.Input with
            {
                DesiredWeight = 100,
                Aborted = false,
                TrafficRouted = routed,
                Canary = new ReplicaSetCounts(scaling.Replicas, scaling.Replicas),
            };

            var plan = CanaryReplicaPlanner.Plan(input);

            Assert.Equal((scaling.Replicas, 0), (plan.CanaryReplicas, plan.StableReplicas));
        });

    [Property(MaxTest = 1000)]
    public Property Abort_goes_back_to_the_stable_at_once() =>
        Prop.ForAll(ScalingCase.Arbitrary(routed: false, reachable: false), Arb.From(Gen.Elements(true, false)), (scaling, routed) =>
        {
            var plan = CanaryReplicaPlanner.Plan(scaling.Input with { Aborted = true, TrafficRouted = routed });

            Assert.Equal((0, scaling.Replicas), (plan.CanaryReplicas, plan.StableReplicas));
        });

    [Property(MaxTest = 3000)]
    public Property With_routing_the_stable_holds_every_replica_until_promotion() =>
        Prop.ForAll(ScalingCase.Arbitrary(routed: true, reachable: false), scaling =>
        {
            var input = scaling.Input;
            var plan = CanaryReplicaPlanner.Plan(input);
            var fullyAvailable = Math.Min(input.Canary.Replicas, input.Canary.AvailableReplicas) >= input.Replicas;

            if (input.Aborted)
            {
                Assert.Equal((0, input.Replicas), (plan.CanaryReplicas, plan.StableReplicas));
            }
            else if (input.DesiredWeight == 100)
            {
                Assert.Equal((input.Replicas, fullyAvailable ? 0 : input.Replicas), (plan.CanaryReplicas, plan.StableReplicas));
            }
            else
            {
                var canary = input.CanaryScale switch
                {
                    CanaryScaleOverride.Replicas fixedCount => fixedCount.Count,
                    CanaryScaleOverride.Weight weight => CeilingShare(input.Replicas, weight.Percent),
                    _ => CeilingShare(input.Replicas, input.DesiredWeight),
                };
                Assert.Equal((input.Replicas == 0 ? 0 : canary, input.Replicas), (plan.CanaryReplicas, plan.StableReplicas));
            }
        });

    [Property(MaxTest = 500)]
    public Property Without_routing_reconciles_reach_the_targets_when_pods_become_available_one_reconcile_later() =>
        Prop.ForAll(ScalingCase.Arbitrary(routed: false, reachable: true), scaling =>
        {
            var input = scaling.Input with { Aborted = false };
            var target = input.DesiredWeight == 0
                ? (0, input.Replicas)
                : CanaryReplicaTargets.ReplicaRatio(input.Replicas, input.DesiredWeight, input.Limits.MaxSurge);
            var reconciles = 0;
            while (true)
            {
                var plan = CanaryReplicaPlanner.Plan(input);
                if ((plan.CanaryReplicas, plan.StableReplicas) == (input.Canary.Replicas, input.Stable.Replicas)
                    && input.Canary.AvailableReplicas == input.Canary.Replicas
                    && input.Stable.AvailableReplicas == input.Stable.Replicas)
                {
                    Assert.Equal(target, (plan.CanaryReplicas, plan.StableReplicas));
                    return;
                }

                Assert.True(++reconciles <= 4 * (input.Replicas + 2), $"no progress after {reconciles} reconciles from {scaling}");

                // Pods that existed before this reconcile are available now; new ones need another reconcile.
                input = input with
                {
                    Canary = new ReplicaSetCounts(plan.CanaryReplicas, Math.Min(plan.CanaryReplicas, input.Canary.Replicas)),
                    Stable = new ReplicaSetCounts(plan.StableReplicas, Math.Min(plan.StableReplicas, input.Stable.Replicas)),
                };
            }
        });

    [Property(MaxTest = 2000)]
    public Property Actual_weight_is_the_canary_share_of_available_pods() =>
        Prop.ForAll(ScalingCase.Arbitrary(routed: false, reachable: false), scaling =>
        {
            var input = scaling.Input;
            var plan = CanaryReplicaPlanner.Plan(input);
            var total = input.Canary.AvailableReplicas + input.Stable.AvailableReplicas;
            var expected = total == 0 ? 0 : (int)Math.Round(100.0 * input.Canary.AvailableReplicas / total, MidpointRounding.AwayFromZero);

            Assert.Equal(expected, plan.ActualCanaryWeight);
            Assert.InRange(plan.ActualCanaryWeight, 0, 100);
        });

    // Aborts and weight 0 without routing go straight back to the stable, whatever the limits say.
    private static bool IsWayBack(ReplicaPlanInput input) => input.Aborted || input.DesiredWeight == 0 || input.Replicas == 0;

    private static int CeilingShare(int replicas, int percent) => (int)Math.Ceiling(replicas * percent / 100.0);

    private static void AssertBetween(int observed, int target, int planned, ScalingCase scaling, int slack = 0)
    {
        var low = Math.Min(observed, target);
        var high = Math.Max(observed, target + slack);
        Assert.True(planned >= low && planned <= high, $"{planned} is not between {observed} and {target} for {scaling}");
    }
}
