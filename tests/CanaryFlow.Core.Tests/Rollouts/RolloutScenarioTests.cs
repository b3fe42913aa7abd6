using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Models;
using static CanaryFlow.Core.Tests.Rollouts.RolloutSpecs;

namespace CanaryFlow.Core.Tests.Rollouts;

public sealed class RolloutScenarioTests
{
    [Fact]
    public void Promote_full_skips_the_remaining_pauses_and_analysis()
    {
        var world = HealthyWorld(Spec(4, Weight(25), Pause(), AnalysisStep("success-rate"), Pause("1h"), Weight(75)));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);

        world.PatchStatus(s => s with { PromoteFull = true, PauseConditions = null });
        world.RunUntilQuiet();

        Assert.Equal("Healthy", world.Phase);
        Assert.Empty(world.StartedAnalyses);
        Assert.Null(world.Status!.PromoteFull);
        Assert.Equal(4, world.Stable!.Replicas);
        Assert.Equal(world.Status.CurrentPodHash, world.Status.StableRs);
    }

    [Fact]
    public void Good_to_bad_never_takes_available_pods_below_what_maxUnavailable_allows()
    {
        var world = HealthyWorld(Spec(10, [Weight(50), Pause()], c => c with { MaxUnavailable = IntOrString.FromInt32(2), MaxSurge = IntOrString.FromInt32(1) }) with { ProgressDeadlineSeconds = 120 });
        world.BadImages.Add("api:bad");
        world.SetImage("api:bad");
        for (var i = 0; i < 200; i++)
        {
            world.Tick();
            world.PodsSettle();
            Assert.True(world.TotalAvailable >= 8, $"tick {i}: only {world.TotalAvailable} pods available");
            Assert.True(world.ReplicaSets.Sum(r => r.Replicas) <= 11, $"tick {i}: more than replicas + maxSurge pods");
            world.Now += TimeSpan.FromSeconds(1);
        }

        Assert.Equal("Degraded", world.Phase);
        Assert.Contains("ProgressDeadlineExceeded", world.EventReasons);
        Assert.Contains(world.Status!.Conditions!, c => c.Type == "Progressing" && c.Status == "False" && c.Reason == "ProgressDeadlineExceeded");
    }

    [Fact]
    public void Bad_to_good_supersedes_the_stuck_canary_and_completes()
    {
        var world = HealthyWorld(Spec(4, Weight(50), Pause("10s")));
        world.BadImages.Add("api:bad");
        world.SetImage("api:bad");
        world.RunUntilQuiet();
        var bad = world.Status!.CurrentPodHash!;
        Assert.Equal("Progressing", world.Phase);

        world.SetImage("api:3");
        world.RunUntilQuiet(step: TimeSpan.FromSeconds(5));

        Assert.Equal("Healthy", world.Phase);
        Assert.Equal(0, world.ReplicaSet(bad)!.Replicas);
        Assert.Equal("api:3", world.Stable!.Image);
        Assert.Equal(4, world.Stable.Replicas);
        Assert.Equal(2, world.EventReasons.Count(r => r == "RolloutUpdated"));
    }

    [Fact]
    public void Bad_to_bad_keeps_the_stable_serving_and_removes_the_first_bad_canary()
    {
        var world = HealthyWorld(Spec(4, [Weight(50), Pause()], c => c with { MaxUnavailable = IntOrString.FromInt32(1) }));
        world.BadImages.UnionWith(["api:bad1", "api:bad2"]);
        world.SetImage("api:bad1");
        world.RunUntilQuiet();
        var first = world.Status!.CurrentPodHash!;

        world.SetImage("api:bad2");
        for (var i = 0; i < 20; i++)
        {
            world.Tick();
            world.PodsSettle();
            Assert.True(world.TotalAvailable >= 3, $"tick {i}: {world.TotalAvailable} available");
        }

        Assert.Equal(0, world.ReplicaSet(first)!.Replicas);
        Assert.NotEqual(first, world.Status!.CurrentPodHash);
        Assert.True(world.Canary!.Replicas > 0);
        Assert.Equal(0, world.Status.CurrentStepIndex);
    }

    [Fact]
    public void An_invalid_spec_touches_nothing_and_a_fix_continues()
    {
        var world = HealthyWorld(Spec(3, Weight(50), Pause()));
        world.ChangeSpec(s => s with { Strategy = s.Strategy! with { Canary = s.Strategy.Canary! with { Steps = [Weight(150)] } }, Template = Template("api:2") });

        var decision = world.Tick();
        Assert.Empty(decision.Actions);
        Assert.Equal("Degraded", world.Phase);
        Assert.Equal(["InvalidSpec"], world.EventReasons);
        var invalid = Assert.Single(world.Status!.Conditions!, c => c.Type == "InvalidSpec");
        Assert.Equal("True", invalid.Status);
        Assert.Contains("spec.strategy.canary.steps[0].setWeight", invalid.Message, StringComparison.Ordinal);

        // Nothing new on later reconciles of the same invalid spec.
        Assert.Empty(world.Tick().Events);

        world.ChangeSpec(s => s with { Strategy = s.Strategy! with { Canary = s.Strategy.Canary! with { Steps = [Weight(50), Pause()] } } });
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);
        Assert.Equal(["InvalidSpec", "SpecFixed", "RolloutUpdated", "TrafficWeightUpdated", "RolloutStepCompleted", "RolloutPaused"], world.EventReasons);
        Assert.Contains(world.Status!.Conditions!, c => c.Type == "InvalidSpec" && c.Status == "False");
    }

    [Fact]
    public void A_pause_longer_than_the_progress_deadline_does_not_count_against_it()
    {
        var world = HealthyWorld(Spec(2, Weight(50), Pause("10m"), Weight(100)) with { ProgressDeadlineSeconds = 60 });
        world.SetImage("api:2");
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);

        world.Now += TimeSpan.FromMinutes(9);
        world.Tick();
        Assert.Equal("Paused", world.Phase);
        world.AdvanceToRequeue();
        world.RunUntilQuiet();

        Assert.Equal("Healthy", world.Phase);
        Assert.DoesNotContain("ProgressDeadlineExceeded", world.EventReasons);
    }

    [Fact]
    public void A_template_and_replica_change_together_end_at_the_new_size()
    {
        var world = HealthyWorld(Spec(4, Weight(50), Pause("30s")));
        world.ChangeSpec(s => s with { Replicas = 8, Template = Template("api:2") });
        world.RunUntilQuiet();
        Assert.Equal(4, world.Canary!.Replicas);
        Assert.Equal(4, world.Stable!.Replicas);

        world.AdvanceToRequeue();
        world.RunUntilQuiet();
        Assert.Equal("Healthy", world.Phase);
        Assert.Equal(8, world.Stable!.Replicas);
        Assert.Equal(8, world.Status!.AvailableReplicas);
        Assert.Equal(0, world.ReplicaSets.Where(r => r.Hash != world.Status.StableRs).Sum(r => r.Replicas));
    }

    [Fact]
    public void A_canary_superseded_mid_step_restarts_the_steps_for_the_new_template()
    {
        var world = HealthyWorld(Spec(4, Weight(25), Pause(), Weight(75), Pause()));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        world.PatchStatus(s => s with { PauseConditions = null });
        world.RunUntilQuiet();
        Assert.Equal(3, world.Status!.CurrentStepIndex);
        var superseded = world.Status.CurrentPodHash!;

        world.SetImage("api:3");
        world.RunUntilQuiet();

        Assert.Equal(1, world.Status!.CurrentStepIndex);
        Assert.Equal("Paused", world.Phase);
        Assert.Equal(0, world.ReplicaSet(superseded)!.Replicas);
        Assert.Equal("api:3", world.Canary!.Image);
        Assert.Equal(1, world.Canary.Replicas);
        Assert.Equal(3, world.Stable!.Replicas);
        Assert.Equal(3, world.Canary.Revision);
    }

    [Fact]
    public void Going_back_to_the_stable_template_is_a_fast_rollback_without_steps()
    {
        var world = HealthyWorld(Spec(4, Weight(50), Pause(), AnalysisStep("success-rate")));
        var stable = world.Status!.StableRs;
        world.SetImage("api:2");
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);

        world.SetImage("api:1");
        world.RunUntilQuiet();

        Assert.Equal("Healthy", world.Phase);
        Assert.Equal(stable, world.Status!.StableRs);
        Assert.Equal(4, world.Stable!.Replicas);
        Assert.Equal(0, world.ReplicaSets.Single(r => r.Hash != stable).Replicas);
        Assert.Empty(world.StartedAnalyses);
        Assert.Equal(["RolloutRolledBack", "RolloutAvailable"], world.EventReasons.Skip(4));
    }

    [Fact]
    public void Spec_paused_holds_the_current_step_until_resumed()
    {
        var world = HealthyWorld(Spec(4, Weight(25), Pause("1m"), Weight(75)));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        world.ChangeSpec(s => s with { Paused = true });
        world.RunUntilQuiet();
        Assert.Contains(world.Status!.PauseConditions!, c => c.Reason == PauseReasons.User);

        world.Now += TimeSpan.FromMinutes(5);
        world.RunUntilQuiet();
        Assert.Equal(1, world.Status!.CurrentStepIndex);
        Assert.Equal(1, world.Canary!.Replicas);

        world.ChangeSpec(s => s with { Paused = null });
        world.RunUntilQuiet();
        Assert.Equal("Healthy", world.Phase);
        Assert.Contains("RolloutResumed", world.EventReasons);
    }

    [Fact]
    public void An_inconclusive_analysis_pauses_and_promote_continues()
    {
        var world = HealthyWorld(Spec(2, Weight(50), AnalysisStep("latency"), Weight(100)));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        world.SetAnalysis(world.StartedAnalyses.Single(), AnalysisPhase.Inconclusive, "p99 0.4 s between the conditions");
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);
        Assert.Contains(world.Status!.PauseConditions!, c => c.Reason == PauseReasons.AnalysisInconclusive);

        world.PatchStatus(s => s with { PauseConditions = null });
        world.RunUntilQuiet();
        Assert.Equal("Healthy", world.Phase);
    }

    [Fact]
    public void With_failurePolicy_pause_a_failed_analysis_waits_for_a_person()
    {
        var world = HealthyWorld(Spec(2, [Weight(50), AnalysisStep("errors")], c => c with { FailurePolicy = "pause" }));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        world.SetAnalysis(world.StartedAnalyses.Single(), AnalysisPhase.Failed, "error rate 0.2 > 0.05");
        world.RunUntilQuiet();

        Assert.Equal("Paused", world.Phase);
        Assert.Null(world.Status!.Abort);
        Assert.Contains(world.Status.PauseConditions!, c => c.Reason == PauseReasons.AnalysisFailed);
        Assert.Contains("AnalysisRunFailed", world.EventReasons);
        Assert.Equal(1, world.Canary!.Replicas);
    }

    [Fact]
    public void A_failing_background_analysis_aborts()
    {
        var world = HealthyWorld(Spec(2, [Weight(50), Pause()], c => c with { Analysis = new RolloutAnalysis { Templates = [new AnalysisTemplateReference { TemplateName = "errors" }], StartingStep = 1 } }));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        var background = Assert.Single(world.StartedAnalyses);
        Assert.EndsWith("-background", background, StringComparison.Ordinal);

        world.SetAnalysis(background, AnalysisPhase.Failed, "errors 12 > 5");
        world.RunUntilQuiet();
        Assert.Equal("Degraded", world.Phase);
        Assert.Contains("errors 12 > 5", world.Status!.AbortReason, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_router_the_stable_keeps_all_pods_until_promotion_then_goes_after_the_delay()
    {
        var world = HealthyWorld(Spec(4, [new CanaryStep { SetCanaryScale = new SetCanaryScale { Replicas = 1 } }, Weight(10), Pause(), Weight(100)], c => c with
        {
            TrafficRouting = new TrafficRouting { GatewayApi = new GatewayApiRouting { HttpRoute = "api" } },
            ScaleDownDelaySeconds = 30,
        }));
        var oldStable = world.Status!.StableRs;
        world.SetImage("api:2");
        world.RunUntilQuiet();
        Assert.Equal(1, world.Canary!.Replicas);
        Assert.Equal(4, world.Stable!.Replicas);
        Assert.Equal(10, world.RouterWeight);

        world.PatchStatus(s => s with { PauseConditions = null });
        world.RunUntilQuiet();
        Assert.Equal("Healthy", world.Phase);
        Assert.Equal(0, world.RouterWeight);
        Assert.Equal(world.Status!.StableRs, world.StableServiceHash);
        Assert.Equal(4, world.ReplicaSet(oldStable)!.Replicas);

        world.AdvanceToRequeue();
        world.Tick();
        Assert.Equal(0, world.ReplicaSet(oldStable)!.Replicas);
    }

    [Fact]
    public void Old_replica_sets_beyond_the_history_limit_are_deleted()
    {
        var world = HealthyWorld(Spec(1) with { RevisionHistoryLimit = 1 });
        for (var i = 2; i <= 4; i++)
        {
            world.SetImage($"api:{i}");
            world.RunUntilQuiet();
        }

        Assert.Equal([3, 4], world.ReplicaSets.Select(r => r.Revision).Order());
    }

    [Fact]
    public void A_steady_rollout_decides_nothing_on_a_resync()
    {
        var world = HealthyWorld(Spec(3, Weight(50), Pause()));
        var status = RolloutWorld.Serialize(world.Status);
        world.Now += TimeSpan.FromHours(5);

        var decision = world.Tick();

        Assert.Empty(decision.Actions);
        Assert.Empty(decision.Events);
        Assert.Null(decision.RequeueAt);
        Assert.Equal(status, RolloutWorld.Serialize(decision.Status));
    }

    [Fact]
    public void The_first_revision_reports_kstatus_conditions()
    {
        var world = new RolloutWorld(Spec(2));
        world.Tick();
        Assert.Equal("Progressing", world.Phase);
        Assert.Contains(world.Status!.Conditions!, c => c.Type == "Reconciling" && c.Status == "True");
        Assert.Contains(world.Status.Conditions!, c => c.Type == "Ready" && c.Status == "False");

        world.PodsSettle();
        world.Tick();
        Assert.Equal("Healthy", world.Phase);
        Assert.Contains(world.Status!.Conditions!, c => c.Type == "Ready" && c.Status == "True");
        Assert.Contains(world.Status.Conditions!, c => c.Type == "Reconciling" && c.Status == "False");
        Assert.Contains(world.Status.Conditions!, c => c.Type == "Stalled" && c.Status == "False");
        Assert.Contains(world.Status.Conditions!, c => c.Type == "Completed" && c.Status == "True");
        Assert.Equal(1, world.Status.ObservedGeneration);
    }
}
