using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using static CanaryFlow.Core.Tests.Rollouts.RolloutSpecs;

namespace CanaryFlow.Core.Tests.Rollouts;

public sealed class RolloutAbortRetryTests
{
    [Fact]
    public void Update_abort_retry_promote_records_exactly_these_events()
    {
        var world = HealthyWorld(Spec(4, Weight(25), Pause(), Weight(50), Pause()));
        var stableHash = world.Status!.StableRs!;
        world.SetImage("api:2");
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);

        world.PatchStatus(s => s with { Abort = true });
        world.RunUntilQuiet();
        Assert.Equal("Degraded", world.Phase);
        Assert.Equal(0, world.ReplicaSet(world.Status!.CurrentPodHash)!.Replicas);
        Assert.Equal(4, world.ReplicaSet(stableHash)!.Replicas);
        Assert.Equal(stableHash, world.StableServiceHash);
        Assert.Equal(stableHash, world.CanaryServiceHash);
        Assert.Null(world.Status.PauseConditions);
        Assert.Contains("aborted by user", world.Status.Message, StringComparison.Ordinal);
        Assert.Contains(world.Status.Conditions!, c => c.Type == "Stalled" && c.Status == "True" && c.Reason == "RolloutAborted");
        Assert.Contains(world.Status.Conditions!, c => c.Type == "Ready" && c.Status == "False");

        world.PatchStatus(s => s with { Abort = false });
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);
        Assert.Equal(1, world.Status.CurrentStepIndex);
        Assert.Equal(1, world.Canary!.Replicas);

        world.PatchStatus(s => s with { PauseConditions = null });
        world.RunUntilQuiet();
        world.PatchStatus(s => s with { PauseConditions = null });
        world.RunUntilQuiet();
        Assert.Equal("Healthy", world.Phase);
        Assert.Equal(
            [
                "RolloutUpdated", "TrafficWeightUpdated", "RolloutStepCompleted", "RolloutPaused",
                "RolloutAborted",
                "RolloutRetried", "TrafficWeightUpdated", "RolloutStepCompleted", "RolloutPaused",
                "RolloutResumed", "RolloutStepCompleted", "TrafficWeightUpdated", "RolloutStepCompleted", "RolloutPaused",
                "RolloutResumed", "RolloutStepCompleted", "RolloutCompleted",
            ],
            world.EventReasons);
    }

    [Fact]
    public void Aborting_a_healthy_rollout_changes_nothing()
    {
        var world = HealthyWorld(Spec(3, Weight(50), Pause()));
        var before = world.ReplicaSets.Select(r => (r.Name, r.Replicas)).ToList();
        world.PatchStatus(s => s with { Abort = true });

        var decision = world.Tick();

        Assert.Empty(decision.Actions);
        Assert.Empty(decision.Events);
        Assert.Equal("Healthy", world.Phase);
        Assert.Null(world.Status!.Abort);
        Assert.Equal(before, world.ReplicaSets.Select(r => (r.Name, r.Replicas)).ToList());
    }

    [Fact]
    public void With_a_router_abort_moves_traffic_at_once_and_scales_the_canary_down_after_the_delay()
    {
        var world = HealthyWorld(Spec(4, [Weight(50), Pause()], c => c with
        {
            TrafficRouting = new TrafficRouting { GatewayApi = new GatewayApiRouting { HttpRoute = "api" } },
            AbortScaleDownDelaySeconds = 30,
        }));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        Assert.Equal(50, world.RouterWeight);
        Assert.Equal(2, world.Canary!.Replicas);

        world.PatchStatus(s => s with { Abort = true });
        var abortedAt = world.Now;
        world.Tick();
        Assert.Equal(0, world.RouterWeight);
        Assert.Equal(2, world.Canary!.Replicas);
        Assert.Equal(abortedAt + TimeSpan.FromSeconds(30), world.LastDecision!.RequeueAt);

        world.AdvanceToRequeue();
        world.Tick();
        Assert.Equal(0, world.ReplicaSet(world.Status!.CurrentPodHash)!.Replicas);
        Assert.Equal(4, world.Stable!.Replicas);
    }

    [Fact]
    public void A_failed_analysis_aborts_and_retry_starts_a_fresh_run_instead_of_failing_again()
    {
        var world = HealthyWorld(Spec(2, Weight(50), AnalysisStep("success-rate"), Weight(100)));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        var first = Assert.Single(world.StartedAnalyses);
        Assert.Equal("Progressing", world.Phase);

        world.SetAnalysis(first, AnalysisPhase.Failed, "success-rate: 0.91 did not satisfy result[0] >= 0.95");
        world.RunUntilQuiet();
        Assert.Equal("Degraded", world.Phase);
        Assert.Contains("0.91", world.Status!.AbortReason, StringComparison.Ordinal);
        Assert.Equal(["RolloutUpdated", "TrafficWeightUpdated", "RolloutStepCompleted", "AnalysisRunFailed", "RolloutAborted"], world.EventReasons);

        world.PatchStatus(s => s with { Abort = false });
        world.RunUntilQuiet();
        Assert.Equal(2, world.StartedAnalyses.Count);
        var second = world.StartedAnalyses[1];
        Assert.NotEqual(first, second);
        Assert.Equal("Progressing", world.Phase);

        world.SetAnalysis(second, AnalysisPhase.Successful);
        world.RunUntilQuiet();
        Assert.Equal("Healthy", world.Phase);
    }

    [Fact]
    public void An_aborted_template_brought_back_by_git_waits_for_retry()
    {
        var world = HealthyWorld(Spec(2, [Weight(50), Pause()], c => c) with
        {
            Git = new GitSpec { RepoUrl = "https://git.example/config.git", Path = "apps/api", Revert = "commit" },
        });
        var stable = world.Status!.StableRs;
        world.SetImage("api:2");
        world.RunUntilQuiet();
        var rejected = world.Status!.CurrentPodHash!;
        world.PatchStatus(s => s with { Abort = true });
        world.RunUntilQuiet();
        Assert.Equal([rejected], world.Status!.Git!.Rejected);

        // Git is reverted, then someone re-applies the bad commit.
        world.SetImage("api:1");
        world.RunUntilQuiet();
        Assert.Equal("Healthy", world.Phase);
        world.SetImage("api:2");
        world.RunUntilQuiet();

        Assert.Equal("Degraded", world.Phase);
        Assert.Equal(0, world.ReplicaSet(rejected)!.Replicas);
        Assert.Equal(stable, world.StableServiceHash);
        Assert.Contains("retry", world.Status!.AbortReason, StringComparison.Ordinal);

        world.PatchStatus(s => s with { Abort = false });
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);
        Assert.Empty(world.Status!.Git!.Rejected!);
    }

    [Fact]
    public void The_progress_deadline_aborts_with_progressDeadlineAbort()
    {
        var world = HealthyWorld(Spec(2, Weight(50), Pause()) with { ProgressDeadlineSeconds = 60, ProgressDeadlineAbort = true });
        world.BadImages.Add("api:bad");
        world.SetImage("api:bad");
        world.RunUntilQuiet();
        Assert.Equal("Progressing", world.Phase);

        world.AdvanceToRequeue();
        world.RunUntilQuiet();

        Assert.Equal("Degraded", world.Phase);
        Assert.Equal(["RolloutUpdated", "ProgressDeadlineExceeded", "RolloutAborted"], world.EventReasons);
        Assert.Equal(0, world.ReplicaSet(world.Status!.CurrentPodHash)!.Replicas);
        Assert.Equal(2, world.Stable!.Available);
    }
}
