using CanaryFlow.Core.Rollouts;
using static CanaryFlow.Core.Tests.Rollouts.RolloutSpecs;

namespace CanaryFlow.Core.Tests.Rollouts;

public sealed class RolloutUpdateTests
{
    [Fact]
    public void A_new_rollout_becomes_healthy_at_full_size_without_steps()
    {
        var world = new RolloutWorld(Spec(4, Weight(20), Pause()));
        world.RunUntilQuiet();

        Assert.Equal("Healthy", world.Phase);
        var stable = Assert.Single(world.ReplicaSets);
        Assert.Equal(4, stable.Replicas);
        Assert.Equal(1, stable.Revision);
        Assert.Equal(stable.Hash, world.StableServiceHash);
        Assert.Equal(stable.Hash, world.CanaryServiceHash);
        Assert.Equal(["RolloutUpdated", "RolloutAvailable"], world.EventReasons);
        Assert.Equal(2, world.Status!.CurrentStepIndex);
    }

    [Fact]
    public void An_update_runs_every_step_and_records_the_events_in_order()
    {
        var world = HealthyWorld(Spec(5, Weight(20), Pause("1m"), Weight(60), Pause()));
        var stableHash = world.Status!.StableRs;
        world.SetImage("api:2");

        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);
        Assert.Equal(1, world.Status!.CurrentStepIndex);
        Assert.Equal(1, world.Canary!.Replicas);
        Assert.Equal(4, world.Stable!.Replicas);
        Assert.Equal(20, world.Status.Canary!.Weights!.Canary);

        // The timed pause asks to be woken exactly when it ends, and not a moment earlier.
        Assert.Equal(world.Status.PauseConditions![0].StartTime!.Value + TimeSpan.FromMinutes(1), world.LastDecision!.RequeueAt);
        world.Now = world.LastDecision.RequeueAt!.Value - TimeSpan.FromSeconds(1);
        world.Tick();
        Assert.Equal("Paused", world.Phase);
        world.AdvanceToRequeue();

        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);
        Assert.Equal(3, world.Status.CurrentStepIndex);
        Assert.Equal(3, world.Canary!.Replicas);
        Assert.Equal(2, world.Stable!.Replicas);

        world.PatchStatus(s => s with { PauseConditions = null });
        world.RunUntilQuiet();

        Assert.Equal("Healthy", world.Phase);
        Assert.NotEqual(stableHash, world.Status.StableRs);
        Assert.Equal(world.Status.CurrentPodHash, world.Status.StableRs);
        Assert.Equal(5, world.Stable!.Replicas);
        Assert.Equal(0, world.ReplicaSet(stableHash)!.Replicas);
        Assert.Equal(world.Status.StableRs, world.StableServiceHash);
        Assert.Equal(
            [
                "RolloutUpdated",
                "TrafficWeightUpdated",
                "RolloutStepCompleted",
                "RolloutPaused",
                "RolloutResumed",
                "RolloutStepCompleted",
                "TrafficWeightUpdated",
                "RolloutStepCompleted",
                "RolloutPaused",
                "RolloutResumed",
                "RolloutStepCompleted",
                "RolloutCompleted",
            ],
            world.EventReasons);
    }
}
