using CanaryFlow.Core.Rollouts;
using static CanaryFlow.Core.Tests.Rollouts.RolloutSpecs;

namespace CanaryFlow.Core.Tests.Rollouts;

public sealed class RolloutRestartTests
{
    [Fact]
    public void Restart_deletes_older_pods_within_maxUnavailable_and_records_when_done()
    {
        var world = HealthyWorld(Spec(4, Weight(50)));
        var restartAt = world.Now + TimeSpan.FromMinutes(1);
        world.ChangeSpec(s => s with { RestartAt = restartAt });
        var early = world.Tick();
        Assert.Equal(restartAt, early.RequeueAt);
        Assert.False(RolloutRestart.Pending(world.Rollout(), world.Now));

        world.Now = restartAt;
        Assert.True(RolloutRestart.Pending(world.Rollout(), world.Now));
        var stable = world.Stable!;
        var pods = Enumerable.Range(0, 4).Select(i => new ObservedPod($"api-{i}", $"uid-{i}", stable.Hash, restartAt - TimeSpan.FromHours(1) + TimeSpan.FromMinutes(i), Ready: true, Terminating: false)).ToList();

        var first = RolloutDecider.Decide(world.Observe() with { Pods = pods }, world.Now);
        var deleted = first.Actions.OfType<DeletePod>().ToList();
        Assert.Equal(["api-0"], deleted.Select(d => d.Name));
        Assert.Equal("uid-0", deleted[0].Uid);

        // One pod is still being replaced: no more deletions until it is back.
        pods[0] = pods[0] with { Terminating = true };
        Assert.Empty(RolloutDecider.Decide(world.Observe() with { Pods = pods }, world.Now).Actions.OfType<DeletePod>());

        var replaced = pods.Select((p, i) => p with { Name = $"api-new-{i}", Uid = $"new-{i}", CreatedAt = world.Now + TimeSpan.FromSeconds(i), Terminating = false }).ToList();
        var done = RolloutDecider.Decide(world.Observe() with { Pods = replaced }, world.Now);
        Assert.Empty(done.Actions);
        Assert.Equal(restartAt, done.Status.RestartedAt);
        Assert.Equal("RolloutRestarted", Assert.Single(done.Events).Reason);
        Assert.False(RolloutRestart.Pending(world.Rollout() with { Status = done.Status }, world.Now));
    }
}
