using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Models;
using static CanaryFlow.Core.Tests.Rollouts.RolloutSpecs;

namespace CanaryFlow.Core.Tests.Rollouts;

/// <summary>
/// Scenarios from the peers' bug trackers (Argo Rollouts, Flagger) played tick by tick in <see cref="RolloutWorld"/>:
/// verbs at awkward moments, people deleting things, a controller that fails half-way through a decision, informers
/// that lag. Each ends in a quiet state (no actions, no Events, no status write) with a sensible Event history.
/// </summary>
public sealed class RolloutAdversarialTests
{
    private static readonly TrafficRouting _gateway = new() { GatewayApi = new GatewayApiRouting { HttpRoute = "api" } };

    // ---------------------------------------------------------------- background analysis

    [Fact]
    public void An_inconclusive_background_analysis_holds_the_steps_and_promote_does_not_skip_a_later_pause()
    {
        // Regression (found in review): RunSteps ignores AnalysisInconclusive pauses, and the shared ControllerPause flag makes Pause() treat the later pause step as promoted.
        var world = HealthyWorld(Spec(4, [Weight(25), Weight(50), Pause(), Weight(75)], c => c with { Analysis = Background(0) }));
        world.SetImage("api:2");
        world.Tick();
        var background = Assert.Single(world.StartedAnalyses);
        world.SetAnalysis(background, AnalysisPhase.Inconclusive, "error rate 0.03 between the conditions");
        world.RunUntilQuiet();

        // Inconclusive -> pause (semantics §5): the steps must not go on while the rollout says Paused.
        Assert.Equal("Paused", world.Phase);
        Assert.Contains(world.Status!.PauseConditions!, c => c.Reason == PauseReasons.BackgroundAnalysisInconclusive);
        Assert.Equal(0, world.Status.CurrentStepIndex);

        // A person promotes past the inconclusive result; the indefinite pause at step 3 must still hold.
        world.PatchStatus(s => s with { PauseConditions = null });
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);
        Assert.Equal(2, world.Status!.CurrentStepIndex);
        Assert.Contains(world.Status.PauseConditions!, c => c.Reason == PauseReasons.Step);
        AssertQuiet(world);
    }

    [Fact]
    public void A_background_analysis_that_failed_by_the_time_the_canary_is_ready_aborts_instead_of_promoting()
    {
        // Regression (found in review): Update() runs RunBackgroundAnalysis after RunSteps/Promote, so the promotion wins and the Aborted trigger is ignored in Healthy.
        var world = HealthyWorld(Spec(2, [Weight(50), Pause(), Weight(100)], c => c with { TrafficRouting = _gateway, Analysis = Background(0) }));
        var stable = world.Status!.StableRs;
        world.SetImage("api:2");
        world.RunUntilQuiet();
        var background = Assert.Single(world.StartedAnalyses);

        world.PatchStatus(s => s with { PauseConditions = null });
        world.Tick();
        world.PodsSettle();

        // The analysis controller and the ReplicaSet controller both updated before this reconcile (the work queue
        // coalesces them): the failed analysis must win over the promotion.
        world.SetAnalysis(background, AnalysisPhase.Failed, "errors 12 > 5");
        world.Tick();

        Assert.Equal(stable, world.Status!.StableRs);
        Assert.Equal("Degraded", world.Phase);
        Assert.DoesNotContain("RolloutCompleted", world.EventReasons);
    }

    [Fact]
    public void A_background_analysis_that_starts_after_the_last_step_is_not_started_by_the_decision_that_completes()
    {
        // Regression (found in review): RunBackgroundAnalysis runs after Promote and starts a run the next reconcile terminates.
        var world = HealthyWorld(Spec(2, [Weight(100)], c => c with { TrafficRouting = _gateway, Analysis = Background(1) }));
        world.SetImage("api:2");
        world.RunUntilQuiet();

        Assert.Equal("Healthy", world.Phase);
        var completing = world.LastDecisionWith("RolloutCompleted");
        Assert.DoesNotContain(completing.Actions, a => a is StartAnalysis);
    }

    [Fact]
    public void With_failurePolicy_pause_an_idle_reconcile_does_not_repeat_AnalysisRunFailed()
    {
        // Regression (found in review): StepAnalysis notes AnalysisRunFailed on every reconcile while held by failurePolicy pause.
        var world = HealthyWorld(Spec(2, [Weight(50), AnalysisStep("errors"), Weight(100)], c => c with { FailurePolicy = "pause" }));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        world.SetAnalysis(world.StartedAnalyses.Single(), AnalysisPhase.Failed, "error rate 0.2 > 0.05");
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);

        world.Now += TimeSpan.FromMinutes(10);
        var idle = world.Tick();

        Assert.Empty(idle.Actions);
        Assert.Equal([], idle.Events.Select(e => e.Reason));
        Assert.Single(world.EventReasons, r => r == "AnalysisRunFailed");
    }

    // ---------------------------------------------------------------- flapping status

    [Fact]
    public void A_healthy_rollout_that_lost_pods_it_cannot_get_back_does_not_rewrite_its_status_on_every_reconcile()
    {
        // Regression (found in review): CountsMoved compares with status.canary.availableReplicas, which is null in steady state, so lastProgressAt = now on every reconcile.
        var world = HealthyWorld(Spec(4));
        var stable = world.Stable!;
        world.AvailableLimit[stable.Hash] = 2;
        stable.Available = 2;
        world.Tick();
        Assert.Equal("Progressing", world.Phase);
        var status = RolloutWorld.Serialize(world.Status);
        var lastProgress = world.Status!.LastProgressAt;

        // Nothing changed but the clock: a status write here is a write on every reconcile (and each write
        // triggers the next reconcile).
        world.Now += TimeSpan.FromSeconds(5);
        var again = world.Tick();

        Assert.Empty(again.Actions);
        Assert.Equal(lastProgress, again.Status.LastProgressAt);
        Assert.Equal(status, RolloutWorld.Serialize(again.Status));
    }

    [Fact]
    public void A_healthy_rollout_that_lost_pods_it_cannot_get_back_reports_the_progress_deadline()
    {
        // Regression (found in review): same root cause as the test above: lastProgressAt moves every reconcile, so the deadline never passes.
        var world = HealthyWorld(Spec(4) with { ProgressDeadlineSeconds = 60 });
        var stable = world.Stable!;
        world.AvailableLimit[stable.Hash] = 2;
        stable.Available = 2;
        for (var i = 0; i < 120; i++)
        {
            world.Tick();
            world.PodsSettle();
            world.Now += TimeSpan.FromSeconds(1);
        }

        Assert.Contains("ProgressDeadlineExceeded", world.EventReasons);
        Assert.Equal("Degraded", world.Phase);
    }

    [Fact]
    public void During_an_update_an_old_ReplicaSet_in_its_scale_down_delay_does_not_make_the_status_flap()
    {
        // Regression (found in review): CountsMoved sums canary+stable but compares with status.availableReplicas, which counts every ReplicaSet.
        var world = PromotedWithOldStableInDelay(out _);
        world.BadImages.Add("api:3");
        world.SetImage("api:3");
        for (var i = 0; i < 5; i++)
        {
            world.Tick();
            world.PodsSettle();
            world.Now += TimeSpan.FromSeconds(1);
        }

        var status = RolloutWorld.Serialize(world.Status);
        var lastProgress = world.Status!.LastProgressAt;
        world.Now += TimeSpan.FromSeconds(10);
        var again = world.Tick();

        Assert.Equal(lastProgress, again.Status.LastProgressAt);
        Assert.Equal(status, RolloutWorld.Serialize(again.Status));
    }

    [Fact]
    public void During_an_update_an_old_ReplicaSet_still_goes_to_zero_when_its_scale_down_delay_ends()
    {
        // Regression (found in review): only Steady() scales old ReplicaSets down; Update() neither scales them nor requeues for their deadline.
        var world = PromotedWithOldStableInDelay(out var oldStable);
        var deadline = world.ReplicaSet(oldStable)!.ScaleDownDeadline!.Value;
        world.SetImage("api:3");
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);

        // The update asks to be woken for the deadline, and then scales the old ReplicaSet down.
        Assert.NotNull(world.LastDecision!.RequeueAt);
        Assert.True(world.LastDecision.RequeueAt <= deadline, $"requeue {world.LastDecision.RequeueAt} after the scale-down deadline {deadline}");
        world.Now = deadline;
        world.RunUntilQuiet();
        Assert.Equal(0, world.ReplicaSet(oldStable)!.Replicas);
    }

    // ---------------------------------------------------------------- pauses and verbs

    [Fact]
    public void Resuming_a_user_pause_taken_at_a_pause_step_leaves_the_rollout_Paused_at_that_step()
    {
        // Regression (found in review): SyncUserPause fires PauseEnded (Paused -> Progressing) although the step pause still holds; the phase comes only from triggers.
        var world = HealthyWorld(Spec(4, Weight(25), Pause(), Weight(75)));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        world.ChangeSpec(s => s with { Paused = true });
        world.RunUntilQuiet();
        world.ChangeSpec(s => s with { Paused = null });
        world.RunUntilQuiet();

        Assert.Equal(1, world.Status!.CurrentStepIndex);
        Assert.Contains(world.Status.PauseConditions!, c => c.Reason == PauseReasons.Step);
        Assert.Equal("Paused", world.Phase);
        AssertQuiet(world);
    }

    [Fact]
    public void A_template_change_while_paused_by_a_user_reports_Paused_and_moves_no_pods_or_traffic()
    {
        // Regression (found in review): TemplateChanged moves the phase to Progressing under a user pause, and HoldAtCurrentStep applies the not-yet-started step 0 weight.
        var world = HealthyWorld(Spec(4, Weight(25), Pause("1m"), Weight(75)));
        world.ChangeSpec(s => s with { Paused = true });
        world.RunUntilQuiet();
        world.SetImage("api:2");
        world.RunUntilQuiet();

        Assert.Contains(world.Status!.PauseConditions!, c => c.Reason == PauseReasons.User);
        Assert.Equal("Paused", world.Phase);
        Assert.Equal(0, world.Canary!.Replicas);
        Assert.Equal(4, world.Stable!.Replicas);

        world.ChangeSpec(s => s with { Paused = null });
        world.RunUntilQuiet();
        Assert.Equal(1, world.Status!.CurrentStepIndex);
        Assert.Equal(1, world.Canary!.Replicas);
    }

    [Fact]
    public void Promote_full_from_a_pause_reports_Progressing_and_the_progress_deadline_while_the_canary_cannot_scale()
    {
        // Regression (found in review): promote --full fires no trigger, so the phase stays Paused and the Paused state ignores ProgressDeadlineExceeded.
        var world = HealthyWorld(Spec(4, Weight(25), Pause(), Weight(75)) with { ProgressDeadlineSeconds = 60 });
        world.SetImage("api:2");
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);
        world.AvailableLimit[world.Status!.CurrentPodHash!] = 2;

        world.PatchStatus(s => s with { PromoteFull = true, PauseConditions = null });
        world.Tick();
        world.PodsSettle();
        Assert.Equal("Progressing", world.Phase);

        for (var i = 0; i < 120; i++)
        {
            world.Tick();
            world.PodsSettle();
            world.Now += TimeSpan.FromSeconds(1);
        }

        Assert.Contains("ProgressDeadlineExceeded", world.EventReasons);
        Assert.Equal("Degraded", world.Phase);
    }

    [Fact]
    public void Abort_while_paused_by_a_user_then_resume_and_retry_records_each_transition_once()
    {
        var world = HealthyWorld(Spec(4, Weight(25), Pause(), Weight(75)));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        world.ChangeSpec(s => s with { Paused = true });
        world.RunUntilQuiet();
        world.PatchStatus(s => s with { Abort = true });
        world.RunUntilQuiet();
        Assert.Equal("Degraded", world.Phase);
        Assert.Equal(0, world.ReplicaSet(world.Status!.CurrentPodHash)!.Replicas);

        world.ChangeSpec(s => s with { Paused = null });
        world.RunUntilQuiet();
        world.PatchStatus(s => s with { Abort = false });
        world.RunUntilQuiet();

        Assert.Equal("Paused", world.Phase);
        Assert.Equal(1, world.Status!.CurrentStepIndex);
        Assert.Single(world.EventReasons, r => r == "RolloutAborted");
        Assert.Single(world.EventReasons, r => r == "RolloutRetried");
        AssertQuiet(world);
    }

    // ---------------------------------------------------------------- availability (no router)

    [Fact]
    public void Abort_at_setWeight_100_without_a_router_keeps_replicas_minus_maxUnavailable_available()
    {
        // Regression (found in review): Aborted() scales the canary to 0 and the stable to full at once, ignoring maxUnavailable (here: 0 pods available).
        var world = HealthyWorld(Spec(4, Weight(100), Pause()));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        Assert.Equal(0, world.Stable!.Replicas);

        world.PatchStatus(s => s with { Abort = true });
        AssertAvailabilityWhileSettling(world, minimum: 3);
        Assert.Equal("Degraded", world.Phase);
        Assert.Equal(4, world.Stable!.Replicas);
    }

    [Fact]
    public void A_fast_rollback_from_setWeight_100_without_a_router_keeps_replicas_minus_maxUnavailable_available()
    {
        // Regression (found in review): Steady() -> ScaleDownOld() scales the old canary to 0 at once, ignoring maxUnavailable.
        var world = HealthyWorld(Spec(4, Weight(100), Pause()));
        world.SetImage("api:2");
        world.RunUntilQuiet();

        world.SetImage("api:1");
        AssertAvailabilityWhileSettling(world, minimum: 3);
        Assert.Equal("Healthy", world.Phase);
    }

    [Fact]
    public void Superseding_a_canary_at_setWeight_100_without_a_router_keeps_replicas_minus_maxUnavailable_available()
    {
        // Regression (found in review): StartCanary() scales the superseded canary to 0 at once, ignoring maxUnavailable.
        var world = HealthyWorld(Spec(4, Weight(100), Pause()));
        world.SetImage("api:2");
        world.RunUntilQuiet();

        world.SetImage("api:3");
        AssertAvailabilityWhileSettling(world, minimum: 3);
        Assert.Equal("Paused", world.Phase);
    }

    [Fact]
    public void Stable_pods_dying_mid_canary_never_let_the_steps_take_availability_below_the_minimum()
    {
        var world = HealthyWorld(Spec(10, [Weight(20), Pause("30s"), Weight(60), Pause()], c => c with { MaxSurge = IntOrString.FromInt32(1), MaxUnavailable = IntOrString.FromInt32(2) }));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        var stable = world.Stable!;
        stable.Available -= 3;
        world.AvailableLimit[stable.Hash] = stable.Available;

        for (var i = 0; i < 120; i++)
        {
            var before = world.TotalAvailable;
            world.Tick();
            Assert.True(world.TotalAvailable >= Math.Min(before, 8), $"tick {i}: {world.TotalAvailable} available after a decision (was {before})");
            world.PodsSettle();
            world.Now += TimeSpan.FromSeconds(1);
        }

        world.AvailableLimit.Clear();
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);
        Assert.Equal(3, world.Status!.CurrentStepIndex);
        AssertQuiet(world);
    }

    // ---------------------------------------------------------------- people deleting things

    [Fact]
    public void Abort_after_a_person_deleted_the_stable_ReplicaSet_does_not_scale_the_last_pods_away()
    {
        // Regression (found in review): Aborted() scales the canary to 0 although there is no stable ReplicaSet to take the traffic.
        var world = HealthyWorld(Spec(4, Weight(50), Pause()));
        var stable = world.Status!.StableRs!;
        world.SetImage("api:2");
        world.RunUntilQuiet();
        world.DeleteReplicaSetByHand(stable);
        world.RunUntilQuiet();

        world.PatchStatus(s => s with { Abort = true });
        world.Tick();

        Assert.True(world.ReplicaSets.Sum(r => r.Replicas) > 0, "abort scaled every pod of the Rollout away: nothing serves");
    }

    [Fact]
    public void A_canary_ReplicaSet_deleted_by_a_person_during_a_pause_is_recreated_at_the_step_weight()
    {
        var world = HealthyWorld(Spec(4, Weight(50), Pause(), Weight(75)));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        var canary = world.Status!.CurrentPodHash!;
        var events = world.Events.Count;

        world.DeleteReplicaSetByHand(canary);
        world.RunUntilQuiet();

        Assert.Equal("Paused", world.Phase);
        Assert.Equal(2, world.ReplicaSet(canary)!.Replicas);
        Assert.Equal(2, world.Stable!.Replicas);
        Assert.Equal(events, world.Events.Count);
        AssertQuiet(world);
    }

    // ---------------------------------------------------------------- decisions applied partly, informers that lag

    [Fact]
    public void A_promotion_whose_status_write_failed_never_points_the_stable_Service_at_a_scaled_down_ReplicaSet()
    {
        // Regression (found in review): ApplyWeight() re-selects the old stable hash on the stable Service before Promote() sees the Service already on the new one.
        var world = HealthyWorld(Spec(2, Weight(50), Pause()));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        var canary = world.Status!.CurrentPodHash!;
        world.PatchStatus(s => s with { PauseConditions = null });

        // Tick until the decision that re-points the stable Service; its actions apply, its status write conflicts.
        for (var i = 0; ; i++)
        {
            Assert.True(i < 20, "no promotion");
            var next = RolloutDecider.Decide(world.Observe(), world.Now);
            if (next.Actions.Any(a => a is SelectReplicaSet { Service: "api-stable" } s && s.Hash == canary))
            {
                world.TickFailingAfter(next.Actions.Count);
                break;
            }

            world.Tick();
            world.PodsSettle();
            world.Now += TimeSpan.FromSeconds(1);
        }

        world.Tick();

        var selected = world.ReplicaSet(world.StableServiceHash)!;
        Assert.True(selected.Replicas > 0, $"the stable Service selects {selected.Hash}, which has 0 replicas");
        world.RunUntilQuiet();
        Assert.Equal("Healthy", world.Phase);
        Assert.Single(world.EventReasons, r => r == "RolloutCompleted");
    }

    [Fact]
    public void An_abort_applied_partly_converges_and_records_one_RolloutAborted()
    {
        var world = HealthyWorld(Spec(4, [Weight(50), Pause()], c => c with { TrafficRouting = _gateway, AbortScaleDownDelaySeconds = 30 }));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        world.PatchStatus(s => s with { Abort = true });

        // The router took the weight; then the API server went away.
        var failed = world.TickFailingAfter(1);
        Assert.IsType<SetTrafficWeight>(failed.Actions[0]);
        Assert.Equal(0, world.RouterWeight);

        world.Now += TimeSpan.FromSeconds(5);
        world.Tick();
        world.AdvanceToRequeue();
        world.RunUntilQuiet();

        Assert.Equal("Degraded", world.Phase);
        Assert.Equal(0, world.ReplicaSet(world.Status!.CurrentPodHash)!.Replicas);
        Assert.Single(world.EventReasons, r => r == "RolloutAborted");
        AssertQuiet(world);
    }

    [Fact]
    public void A_step_completion_applied_partly_records_each_step_event_once()
    {
        var world = HealthyWorld(Spec(4, [Weight(25), Weight(50), Pause()], c => c with { TrafficRouting = _gateway }));
        world.SetImage("api:2");
        for (var i = 0; i < 30 && world.Phase != "Paused"; i++)
        {
            // Every decision fails after its first action once, then succeeds.
            var decision = world.TickFailingAfter(1);
            if (decision.Actions.Count > 0)
            {
                world.PodsSettle();
            }

            world.Tick();
            world.PodsSettle();
            world.Now += TimeSpan.FromSeconds(1);
        }

        Assert.Equal("Paused", world.Phase);
        Assert.Equal(
            ["RolloutUpdated", "TrafficWeightUpdated", "RolloutStepCompleted", "TrafficWeightUpdated", "RolloutStepCompleted", "RolloutPaused"],
            world.EventReasons);
        AssertQuiet(world);
    }

    [Fact]
    public void Two_templates_in_quick_succession_before_the_first_ReplicaSet_is_observed_get_distinct_revisions()
    {
        // Regression (found in review): NextRevision() counts only observed ReplicaSets, so a lagging informer hands out the same revision twice.
        var world = HealthyWorld(Spec(2, Weight(50), Pause()));
        world.SetImage("api:2");
        var first = world.Tick().Actions.OfType<CreateReplicaSet>().Single();
        world.NotYetObserved.Add(first.Hash);

        world.SetImage("api:3");
        var second = world.Tick().Actions.OfType<CreateReplicaSet>().Single();

        Assert.NotEqual(first.Revision, second.Revision);
    }

    [Fact]
    public void Two_templates_in_quick_succession_when_the_first_create_failed_run_only_the_second()
    {
        var world = HealthyWorld(Spec(2, Weight(50), Pause()));
        world.SetImage("api:2");
        world.TickFailingAfter(0);
        world.SetImage("api:3");
        world.RunUntilQuiet();

        Assert.Equal("Paused", world.Phase);
        Assert.Equal("api:3", world.Canary!.Image);
        Assert.Equal(2, world.ReplicaSets.Count);
        Assert.Single(world.EventReasons, r => r == "RolloutUpdated");
    }

    [Fact]
    public void A_canary_whose_ReplicaSet_status_lags_its_spec_does_not_complete_the_step_early()
    {
        var world = HealthyWorld(Spec(4, Weight(50), Pause()));
        world.SetImage("api:2");
        world.Tick();
        world.Tick();
        var canary = world.Canary!;
        Assert.Equal(2, canary.Replicas);

        // The informer shows the new spec with a status from before the scale-up, claiming the pods are there.
        canary.Available = 2;
        canary.Current = 2;
        canary.StatusCurrent = false;
        world.Tick();
        Assert.Equal(0, world.Status!.CurrentStepIndex);
        Assert.Equal("Progressing", world.Phase);

        canary.StatusCurrent = true;
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);
    }

    // ---------------------------------------------------------------- retries and template changes

    [Fact]
    public void Retrying_twice_after_failed_analyses_starts_a_fresh_run_each_time_and_then_completes()
    {
        var world = HealthyWorld(Spec(2, Weight(50), AnalysisStep("success-rate"), Weight(100)));
        world.SetImage("api:2");
        for (var attempt = 0; attempt < 2; attempt++)
        {
            world.RunUntilQuiet();
            world.SetAnalysis(world.StartedAnalyses[^1], AnalysisPhase.Failed, "0.9 < 0.95");
            world.RunUntilQuiet();
            Assert.Equal("Degraded", world.Phase);
            world.PatchStatus(s => s with { Abort = false });
        }

        world.RunUntilQuiet();
        Assert.Equal(3, world.StartedAnalyses.Distinct().Count());
        Assert.Equal("Progressing", world.Phase);
        world.SetAnalysis(world.StartedAnalyses[^1], AnalysisPhase.Successful);
        world.RunUntilQuiet();
        Assert.Equal("Healthy", world.Phase);
        Assert.Equal(2, world.EventReasons.Count(r => r == "RolloutAborted"));
        Assert.Equal(2, world.EventReasons.Count(r => r == "RolloutRetried"));
        AssertQuiet(world);
    }

    [Fact]
    public void Abort_then_a_new_template_then_back_to_the_aborted_one_starts_fresh_canaries()
    {
        var world = HealthyWorld(Spec(4, Weight(25), Pause()));
        var stable = world.Status!.StableRs;
        world.SetImage("api:2");
        world.RunUntilQuiet();
        var aborted = world.Status!.CurrentPodHash!;
        world.PatchStatus(s => s with { Abort = true });
        world.RunUntilQuiet();

        world.SetImage("api:3");
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);
        Assert.Null(world.Status!.Abort);
        Assert.Equal(0, world.ReplicaSet(aborted)!.Replicas);

        world.SetImage("api:2");
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);
        Assert.Equal(aborted, world.Status!.CurrentPodHash);
        Assert.Equal(1, world.ReplicaSet(aborted)!.Replicas);
        Assert.Equal(stable, world.Status.StableRs);
        Assert.Equal(0, world.ReplicaSets.Where(r => r.Hash != aborted && r.Hash != stable).Sum(r => r.Replicas));
        AssertQuiet(world);
    }

    [Fact]
    public void Scaling_to_zero_during_a_pause_and_back_resumes_the_same_step()
    {
        var world = HealthyWorld(Spec(4, Weight(50), Pause(), Weight(75)));
        world.SetImage("api:2");
        world.RunUntilQuiet();

        world.ChangeSpec(s => s with { Replicas = 0 });
        world.RunUntilQuiet();
        Assert.Equal(0, world.ReplicaSets.Sum(r => r.Replicas));
        Assert.Equal(1, world.Status!.CurrentStepIndex);

        world.ChangeSpec(s => s with { Replicas = 4 });
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);
        Assert.Equal(1, world.Status!.CurrentStepIndex);
        Assert.Equal(2, world.Canary!.Replicas);
        Assert.Equal(2, world.Stable!.Replicas);
        AssertQuiet(world);
    }

    [Fact]
    public void An_HPA_scaling_during_a_routed_canary_keeps_the_stable_at_full_size_and_resizes_the_canary()
    {
        var world = HealthyWorld(Spec(4, [Weight(30), Pause()], c => c with { TrafficRouting = _gateway }));
        world.SetImage("api:2");
        world.RunUntilQuiet();
        Assert.Equal(2, world.Canary!.Replicas);

        world.ChangeSpec(s => s with { Replicas = 10 });
        world.RunUntilQuiet();
        Assert.Equal(3, world.Canary!.Replicas);
        Assert.Equal(10, world.Stable!.Replicas);
        Assert.Equal(30, world.RouterWeight);

        world.ChangeSpec(s => s with { Replicas = 3 });
        world.RunUntilQuiet();
        Assert.Equal(1, world.Canary!.Replicas);
        Assert.Equal(3, world.Stable!.Replicas);
        Assert.Equal("Paused", world.Phase);
        AssertQuiet(world);
    }

    // ---------------------------------------------------------------- step shapes

    [Fact]
    public void Duplicate_consecutive_setWeight_steps_announce_the_weight_once()
    {
        // Regression (found in review): RunSteps notes TrafficWeightUpdated on every setWeight step without a router, even when the weight did not change.
        var world = HealthyWorld(Spec(4, Weight(50), Weight(50), Pause()));
        world.SetImage("api:2");
        world.RunUntilQuiet();

        Assert.Equal("Paused", world.Phase);
        Assert.Single(world.EventReasons, r => r == "TrafficWeightUpdated");
    }

    [Fact]
    public void SetWeight_0_and_100_with_a_router_and_a_pause_as_the_last_step()
    {
        var world = HealthyWorld(Spec(4, [Weight(0), Pause("30s"), Weight(100), Pause()], c => c with { TrafficRouting = _gateway }));
        var oldStable = world.Status!.StableRs!;
        world.SetImage("api:2");
        world.RunUntilQuiet();
        Assert.Equal(0, world.Canary!.Replicas);
        Assert.Equal(0, world.RouterWeight);

        world.AdvanceToRequeue();
        world.RunUntilQuiet();
        Assert.Equal("Paused", world.Phase);
        Assert.Equal(3, world.Status!.CurrentStepIndex);
        Assert.Equal(100, world.RouterWeight);
        Assert.Equal(4, world.Canary!.Replicas);
        Assert.Equal(4, world.ReplicaSet(oldStable)!.Replicas);

        world.PatchStatus(s => s with { PauseConditions = null });
        world.RunUntilQuiet();
        Assert.Equal("Healthy", world.Phase);
        Assert.Equal(0, world.RouterWeight);
        Assert.Equal(world.Status!.StableRs, world.StableServiceHash);
        AssertQuiet(world);
    }

    [Fact]
    public void Zero_steps_is_a_rolling_update_within_maxSurge_and_maxUnavailable()
    {
        var world = HealthyWorld(Spec(8, [], c => c with { MaxSurge = IntOrString.FromInt32(2), MaxUnavailable = IntOrString.FromInt32(1) }));
        world.SetImage("api:2");
        for (var i = 0; i < 40 && (i == 0 || world.Phase != "Healthy"); i++)
        {
            world.Tick();
            Assert.True(world.ReplicaSets.Sum(r => r.Replicas) <= 10, $"tick {i}: more than replicas + maxSurge pods");
            Assert.True(world.TotalAvailable >= 7, $"tick {i}: {world.TotalAvailable} available");
            world.PodsSettle();
            world.Now += TimeSpan.FromSeconds(1);
        }

        Assert.Equal("Healthy", world.Phase);
        world.RunUntilQuiet();
        Assert.Equal(["RolloutUpdated", "RolloutCompleted"], world.EventReasons);
        AssertQuiet(world);
    }

    [Fact]
    public void RevisionHistoryLimit_0_keeps_only_the_stable_ReplicaSet_and_goes_quiet()
    {
        var world = HealthyWorld(Spec(2, Weight(50)) with { RevisionHistoryLimit = 0 });
        world.SetImage("api:2");
        world.RunUntilQuiet();
        world.SetImage("api:3");
        world.RunUntilQuiet();

        Assert.Equal("Healthy", world.Phase);
        var only = Assert.Single(world.ReplicaSets);
        Assert.Equal(world.Status!.StableRs, only.Hash);
        AssertQuiet(world);
    }

    // ---------------------------------------------------------------- helpers

    private static RolloutAnalysis Background(int startingStep) =>
        new() { Templates = [new AnalysisTemplateReference { TemplateName = "errors" }], StartingStep = startingStep };

    /// <summary>api:2 promoted with a router; the old stable keeps its pods for a 10 minute scale-down delay.</summary>
    private static RolloutWorld PromotedWithOldStableInDelay(out string oldStable)
    {
        var world = HealthyWorld(Spec(4, [Weight(50), Pause()], c => c with { TrafficRouting = _gateway, ScaleDownDelaySeconds = 600 }));
        oldStable = world.Status!.StableRs!;
        world.SetImage("api:2");
        world.RunUntilQuiet();
        world.PatchStatus(s => s with { PauseConditions = null });
        world.RunUntilQuiet();
        Assert.Equal("Healthy", world.Phase);
        Assert.Equal(4, world.ReplicaSet(oldStable)!.Available);
        return world;
    }

    /// <summary>Ticks until quiet, checking after every decision (before pods move) that enough pods are available.</summary>
    private static void AssertAvailabilityWhileSettling(RolloutWorld world, int minimum)
    {
        for (var i = 0; i < 30; i++)
        {
            var decision = world.Tick();
            Assert.True(world.TotalAvailable >= minimum, $"tick {i}: {world.TotalAvailable} pods available after the decision, fewer than {minimum}");
            world.PodsSettle();
            world.Now += TimeSpan.FromSeconds(1);
            if (decision.Actions.Count == 0)
            {
                break;
            }
        }

        world.RunUntilQuiet();
    }

    /// <summary>An idle reconcile a minute later (or at the requeue time) changes nothing and says nothing.</summary>
    private static void AssertQuiet(RolloutWorld world)
    {
        var status = RolloutWorld.Serialize(world.Status);
        world.Now += TimeSpan.FromSeconds(1);
        var decision = world.Tick();
        Assert.Empty(decision.Actions);
        Assert.Empty(decision.Events);
        Assert.Equal(status, RolloutWorld.Serialize(decision.Status));
    }
}
