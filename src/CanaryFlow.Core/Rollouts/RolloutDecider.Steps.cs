using System.Globalization;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Durations;

namespace CanaryFlow.Core.Rollouts;

public static partial class RolloutDecider
{
    /// <summary>Executes steps from the current one on, as far as they complete in this reconcile, then promotes.</summary>
    private static void RunSteps(RolloutPlan plan, ObservedReplicaSet? canary, ObservedReplicaSet? stable)
    {
        while (plan.StepIndex < plan.Steps.Count)
        {
            var index = plan.StepIndex;
            var step = plan.Steps[index];
            var done = step switch
            {
                { SetWeight: { } weight } => ApplyWeight(plan, canary, stable, weight),
                { Pause: { } pause } => ApplyWeight(plan, canary, stable, CurrentWeight(plan)) & Pause(plan, pause, index),
                { Analysis: { } analysis } => ApplyWeight(plan, canary, stable, CurrentWeight(plan)) & StepAnalysis(plan, analysis, index),
                _ => ApplyWeight(plan, canary, stable, CurrentWeight(plan)),
            };
            if (plan.Abort || !done)
            {
                return;
            }

            if (!plan.Routed && step.SetWeight is { } reached && reached != WeightBefore(plan, index))
            {
                // Without a router the pods are the traffic: announced once the step's pods are in place.
                plan.Note(RolloutEvent.Normal, "TrafficWeightUpdated", $"Replica ratio at {plan.CanaryWeight.ToString(CultureInfo.InvariantCulture)}% canary (step target {reached.ToString(CultureInfo.InvariantCulture)}%)");
            }

            plan.Fire(RolloutTrigger.StepCompleted, $"Completed step {index + 1}/{plan.Steps.Count}: {RolloutPlan.Describe(step)}");
            plan.StepIndex = index + 1;
            plan.StepStartedAt = plan.Now;
            plan.LastProgressAt = plan.Now;
        }

        Promote(plan, canary, stable);
    }

    /// <summary>
    /// While a person holds the rollout (spec.paused, an inconclusive background analysis), pods and traffic stay
    /// exactly as they are: not even the current step's target is applied.
    /// </summary>
    private static void HoldAtCurrentStep(RolloutPlan plan, ObservedReplicaSet? canary, ObservedReplicaSet? stable)
    {
        if (plan.Routed)
        {
            // The router keeps the weight the controller set (a hand edit is put back), except that a canary without an
            // available pod gets no traffic.
            SetRoutedWeight(plan, canary is { AvailableReplicas: > 0 } ? plan.CanaryWeight : 0);
            return;
        }

        if (canary is not null)
        {
            var canaryAvailable = Math.Min(canary.Replicas, canary.AvailableReplicas);
            var stableAvailable = stable is null ? 0 : Math.Min(stable.Replicas, stable.AvailableReplicas);
            var total = canaryAvailable + stableAvailable;
            plan.CanaryWeight = total == 0 ? 0 : (int)Math.Round(100.0 * canaryAvailable / total, MidpointRounding.AwayFromZero);
        }
    }

    /// <summary>The weight of the last setWeight before step <paramref name="index"/> (0 before the first).</summary>
    private static int WeightBefore(RolloutPlan plan, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            if (plan.Steps[i].SetWeight is { } weight)
            {
                return weight;
            }
        }

        return 0;
    }

    /// <summary>The weight of the last setWeight at or before the current step (0 before the first).</summary>
    private static int CurrentWeight(RolloutPlan plan)
    {
        for (var i = Math.Min(plan.StepIndex, plan.Steps.Count - 1); i >= 0; i--)
        {
            if (plan.Steps[i].SetWeight is { } weight)
            {
                return weight;
            }
        }

        return 0;
    }

    /// <summary>The setCanaryScale in force: the last one at or before the current step.</summary>
    private static SetCanaryScale? CurrentScale(RolloutPlan plan)
    {
        for (var i = Math.Min(plan.StepIndex, plan.Steps.Count - 1); i >= 0; i--)
        {
            if (plan.Steps[i].SetCanaryScale is { } scale)
            {
                return scale;
            }
        }

        return null;
    }

    /// <summary>
    /// Moves replicas and traffic towards <paramref name="weight"/>; true once the canary has the pods the weight
    /// needs available, the stable is where it should be and (with a router) the weight is applied.
    /// </summary>
    private static bool ApplyWeight(RolloutPlan plan, ObservedReplicaSet? canary, ObservedReplicaSet? stable, int weight)
    {
        if (canary is null)
        {
            // Created in this reconcile; its informer event brings us back.
            return false;
        }

        var targets = ReplicaPlanner.Targets(plan, weight, CurrentScale(plan), canary, stable);
        var canaryReady = canary.StatusCurrent && canary.Replicas == targets.Canary && canary.AvailableReplicas >= targets.Canary;
        var allowed = AllowedWeight(plan, canary, weight, canaryReady);
        if (plan.Routed && (plan.RouterWeight is not { } current || allowed < current))
        {
            // Less traffic first, fewer canary pods second: the remaining pods never get more than their share.
            SetRoutedWeight(plan, allowed);
        }

        plan.Scale(canary, targets.Canary);
        plan.Scale(stable, targets.Stable);

        // The canary Service is re-pointed only with no traffic on it; the stable Service keeps the stable pods.
        if (plan.Observed.CanaryService is { Exists: true } canaryService && canaryService.SelectedHash != plan.CurrentHash)
        {
            SetRoutedWeight(plan, 0);
            plan.Select(canaryService, plan.CurrentHash);
        }

        if (plan.StableHash is { } stableHash)
        {
            plan.Select(plan.Observed.StableService, stableHash);
        }

        var stableReady = stable is null ? !plan.StableMissing || plan.StableHash == plan.CurrentHash : stable.Replicas == targets.Stable;
        if (plan.Routed)
        {
            SetRoutedWeight(plan, allowed);

            // Done once the router shows the weight (verified on the reconcile after the write, not assumed).
            return canaryReady && stableReady && allowed == weight && plan.WeightVerified(weight);
        }

        plan.CanaryWeight = targets.ActualWeight;
        return canaryReady && stableReady;
    }

    /// <summary>
    /// The weight the router may carry now: the step's once the canary has the pods for it; until then no more than the
    /// controller set before (more traffic only for pods that are there); none while the canary has no available pod.
    /// </summary>
    private static int AllowedWeight(RolloutPlan plan, ObservedReplicaSet canary, int weight, bool canaryReady)
    {
        if (!plan.Routed)
        {
            return weight;
        }

        if (canary.AvailableReplicas == 0)
        {
            return 0;
        }

        return canaryReady ? weight : Math.Min(weight, plan.CanaryWeight);
    }

    private static void SetRoutedWeight(RolloutPlan plan, int weight)
    {
        if (!plan.Routed)
        {
            return;
        }

        if (plan.CanaryWeight != weight)
        {
            plan.Note(RolloutEvent.Normal, "TrafficWeightUpdated", $"Traffic weight set to {weight.ToString(CultureInfo.InvariantCulture)}% canary, {(100 - weight).ToString(CultureInfo.InvariantCulture)}% stable");
        }

        plan.Route(weight);
    }

    /// <summary>A pause step: holds until its duration has passed since it began, or until a user promotes.</summary>
    private static bool Pause(RolloutPlan plan, PauseStep pause, int index)
    {
        TimeSpan? duration = null;
        if (pause.Duration is { } text && KubernetesDuration.TryParse(text, out var parsed, out _))
        {
            duration = parsed;
        }

        var condition = plan.PauseConditions.FirstOrDefault(c => c.Reason == PauseReasons.Step);
        if (condition is null)
        {
            if (plan.ControllerPause)
            {
                // We paused here and someone removed the condition: promote.
                plan.ControllerPause = false;
                plan.Fire(RolloutTrigger.PauseEnded, $"Promoted past the pause at step {index + 1}");
                return true;
            }

            if (duration == TimeSpan.Zero)
            {
                return true;
            }

            plan.PauseConditions.Add(new PauseCondition { Reason = PauseReasons.Step, StartTime = plan.Now });
            plan.ControllerPause = true;
            plan.Fire(RolloutTrigger.PauseStarted, duration is { } d
                ? $"Paused at step {index + 1} for {KubernetesDuration.Format(d)}"
                : $"Paused at step {index + 1} until promoted");
            if (duration is { } wait)
            {
                plan.RequeueNoLaterThan(plan.Now + wait);
            }

            return false;
        }

        if (duration is not { } limit)
        {
            return false;
        }

        var end = (condition.StartTime ?? plan.Now) + limit;
        if (plan.Now < end)
        {
            plan.RequeueNoLaterThan(end);
            return false;
        }

        plan.PauseConditions.Remove(condition);
        plan.ControllerPause = false;
        plan.Fire(RolloutTrigger.PauseEnded, $"The pause of {KubernetesDuration.Format(limit)} at step {index + 1} is over");
        return true;
    }

    /// <summary>An analysis step: starts its run once, then follows its outcome.</summary>
    private static bool StepAnalysis(RolloutPlan plan, RolloutAnalysis analysis, int index)
    {
        var name = plan.AnalysisRunName((index + 1).ToString(CultureInfo.InvariantCulture));
        if (!plan.Observed.Analyses.TryGetValue(name, out var run))
        {
            if (plan.StepAnalysisRun != name)
            {
                plan.Actions.Add(new StartAnalysis(name, analysis, Background: false));
                plan.StepAnalysisRun = name;
            }

            return false;
        }

        plan.StepAnalysisRun = name;
        switch (run.Phase)
        {
            case AnalysisPhase.Successful:
                plan.StepAnalysisRun = null;
                return true;
            case AnalysisPhase.Inconclusive:
                return HoldForAPerson(plan, PauseReasons.AnalysisInconclusive, $"Analysis {name} was inconclusive: {run.Message}; promote to continue or abort");
            case AnalysisPhase.Failed or AnalysisPhase.Error when plan.Canary.FailurePolicy == "pause":
                return HoldForAPerson(plan, PauseReasons.AnalysisFailed, $"Analysis {name} failed: {run.Message}; promote to continue or abort", $"Analysis {name} failed: {run.Message}");
            case AnalysisPhase.Failed or AnalysisPhase.Error:
                plan.Note(RolloutEvent.Warning, "AnalysisRunFailed", $"Analysis {name} failed: {run.Message}");
                AbortNow(plan, $"analysis {name} {(run.Phase == AnalysisPhase.Error ? "errored" : "failed")}: {run.Message}");
                return false;
            default:
                return false;
        }
    }

    /// <summary>Pauses for a person to decide (promote continues, abort aborts); true once they promoted.</summary>
    private static bool HoldForAPerson(RolloutPlan plan, string reason, string message, string? failure = null)
    {
        if (plan.PauseConditions.Any(c => c.Reason == reason))
        {
            return false;
        }

        if (plan.ControllerPause)
        {
            plan.ControllerPause = false;
            plan.StepAnalysisRun = null;
            plan.Fire(RolloutTrigger.PauseEnded, "Promoted past the analysis");
            return true;
        }

        if (failure is not null)
        {
            plan.Note(RolloutEvent.Warning, "AnalysisRunFailed", failure);
        }

        plan.PauseConditions.Add(new PauseCondition { Reason = reason, StartTime = plan.Now });
        plan.ControllerPause = true;
        plan.Fire(RolloutTrigger.PauseStarted, message);
        return false;
    }

    /// <summary>
    /// Background analysis: runs from its starting step until the update ends. A failure aborts; an inconclusive
    /// result holds the rollout until a person promotes (then that result is accepted) or aborts. True while it holds.
    /// </summary>
    private static bool RunBackgroundAnalysis(RolloutPlan plan)
    {
        if (plan.Canary.Analysis is not { } analysis || plan.StepIndex < (analysis.StartingStep ?? 0))
        {
            return false;
        }

        var name = plan.AnalysisRunName("background");
        if (!plan.Observed.Analyses.TryGetValue(name, out var run))
        {
            if (plan.BackgroundAnalysisRun != name)
            {
                plan.Actions.Add(new StartAnalysis(name, analysis, Background: true));
                plan.BackgroundAnalysisRun = name;
            }

            return false;
        }

        plan.BackgroundAnalysisRun = name;
        if (run.Phase is AnalysisPhase.Failed or AnalysisPhase.Error)
        {
            plan.Note(RolloutEvent.Warning, "AnalysisRunFailed", $"Analysis {name} failed: {run.Message}");
            AbortNow(plan, $"background analysis {name} {(run.Phase == AnalysisPhase.Error ? "errored" : "failed")}: {run.Message}");
            return false;
        }

        if (run.Phase != AnalysisPhase.Inconclusive || plan.BackgroundHold == BackgroundHolds.Accepted)
        {
            return false;
        }

        if (plan.PauseConditions.Any(c => c.Reason == PauseReasons.BackgroundAnalysisInconclusive))
        {
            return true;
        }

        if (plan.BackgroundHold == BackgroundHolds.Held)
        {
            // We held and a person removed the condition: promoted past this result.
            plan.BackgroundHold = BackgroundHolds.Accepted;
            plan.Fire(RolloutTrigger.PauseEnded, $"Promoted past the inconclusive background analysis {name}");
            return false;
        }

        plan.BackgroundHold = BackgroundHolds.Held;
        plan.PauseConditions.Add(new PauseCondition { Reason = PauseReasons.BackgroundAnalysisInconclusive, StartTime = plan.Now });
        plan.Fire(RolloutTrigger.PauseStarted, $"Background analysis {name} was inconclusive: {run.Message}; promote to continue or abort");
        return true;
    }

    /// <summary>Every step is done: scale the canary to full size and, once it is fully available, make it the stable.</summary>
    private static void Promote(RolloutPlan plan, ObservedReplicaSet? canary, ObservedReplicaSet? stable)
    {
        if (!ApplyWeight(plan, canary, stable, 100) || canary is null || canary.AvailableReplicas < plan.Replicas)
        {
            return;
        }

        // The stable Service goes to the new pods while the canary has all traffic, then the stable gets it back: the
        // new stable has 100%, and routes made for the canary have nothing left to do.
        plan.Select(plan.Observed.StableService, plan.CurrentHash);
        plan.Route(0);
        plan.RemoveManagedRoutes();
        if (stable is not null)
        {
            ScaleDownOld(plan, stable);
        }

        TerminateAnalyses(plan);
        plan.StableHash = plan.CurrentHash;
        plan.StepStartedAt = null;
        plan.BackgroundHold = null;
        plan.PromoteFull = false;
        plan.LastProgressAt = plan.Now;
        plan.Fire(RolloutTrigger.Completed, $"Promoted {plan.CurrentHash} to stable");
    }

    /// <summary>The controller aborts (a failed analysis, the progress deadline with progressDeadlineAbort).</summary>
    private static void AbortNow(RolloutPlan plan, string reason)
    {
        plan.Abort = true;
        plan.AbortedAt = plan.Now;
        plan.AbortReason = reason;
    }

    /// <summary>
    /// Aborted: traffic back to stable at once, the stable at full size, the canary down after
    /// abortScaleDownDelaySeconds (with a router; without one its pods are its traffic, so at once).
    /// </summary>
    private static void Aborted(RolloutPlan plan, ObservedReplicaSet? canary, ObservedReplicaSet? stable)
    {
        var stableHash = plan.StableHash!;
        if (!(plan.Old.Abort == true && plan.Old.AbortedAt is not null && plan.Old.CurrentPodHash == plan.CurrentHash))
        {
            plan.AbortedAt ??= plan.Now;
            plan.AbortReason ??= "aborted by user";
            plan.Fire(RolloutTrigger.Aborted, $"Rollout aborted: {plan.AbortReason}; traffic back on the stable revision ({stableHash})");
            if (plan.Spec.Git is { Revert: not "none" })
            {
                var rejected = plan.Git?.Rejected ?? [];
                if (!rejected.Contains(plan.CurrentHash))
                {
                    plan.Git = (plan.Git ?? new GitStatus()) with { Rejected = [.. rejected, plan.CurrentHash] };
                }
            }
        }

        plan.Route(0);
        plan.Select(plan.Observed.StableService, stableHash);
        plan.Select(plan.Observed.CanaryService, stableHash);
        plan.RemoveManagedRoutes();
        if (stable is null)
        {
            // Nothing to go back to (someone deleted the stable ReplicaSet): the canary is all that serves, so it stays.
            plan.StableMissing = true;
        }
        else
        {
            plan.Scale(stable, plan.Replicas);
            var delay = plan.Routed ? TimeSpan.FromSeconds(plan.Canary.AbortScaleDownDelaySeconds ?? 30) : TimeSpan.Zero;
            var deadline = (plan.AbortedAt ?? plan.Now) + delay;
            if (canary is not null && plan.Now >= deadline)
            {
                plan.Scale(canary, plan.Routed ? 0 : AvailabilityBudget.ScaleDownTarget(plan, canary, 0));
            }
            else if (canary is not null)
            {
                plan.RequeueNoLaterThan(deadline);
            }
        }

        plan.PauseConditions.RemoveAll(c => c.Reason != PauseReasons.User);
        plan.ControllerPause = false;
        plan.BackgroundHold = null;
        TerminateAnalyses(plan);
    }

    /// <summary>spec.paused holds the rollout with a UserPause condition; clearing it resumes.</summary>
    private static void SyncUserPause(RolloutPlan plan)
    {
        var condition = plan.PauseConditions.FirstOrDefault(c => c.Reason == PauseReasons.User);
        if (plan.Spec.Paused == true && condition is null)
        {
            plan.PauseConditions.Add(new PauseCondition { Reason = PauseReasons.User, StartTime = plan.Now });
            plan.Fire(RolloutTrigger.PauseStarted, "Paused by a user (spec.paused)");
        }
        else if (plan.Spec.Paused != true && condition is not null)
        {
            plan.PauseConditions.Remove(condition);
            plan.LastProgressAt = plan.Now;
            if (plan.PauseConditions.Count == 0)
            {
                plan.Fire(RolloutTrigger.PauseEnded, "Resumed by a user");
            }
            else
            {
                // The user's pause is gone, but another still holds: the phase stays Paused.
                plan.Note(RolloutEvent.Normal, "RolloutResumed", $"Resumed by a user; still paused: {string.Join(", ", plan.PauseConditions.Select(c => c.Reason))}");
            }
        }
    }

    /// <summary>In steady state, the phase follows the stable's availability.</summary>
    private static void CheckAvailability(RolloutPlan plan, ObservedReplicaSet? stable)
    {
        var available = stable is not null && stable.StatusCurrent && stable.Replicas == plan.Replicas && stable.AvailableReplicas >= plan.Replicas;
        plan.StableAvailable = available;
        var wasHealthy = plan.Old.Phase == nameof(RolloutPhase.Healthy);
        if (available && !wasHealthy)
        {
            plan.Fire(RolloutTrigger.BecameAvailable, $"All {plan.Replicas.ToString(CultureInfo.InvariantCulture)} pods of {plan.CurrentHash} are available");
        }

        if (!available)
        {
            if (wasHealthy)
            {
                plan.Fire(RolloutTrigger.BecameUnavailable, stable is not null && stable.Replicas != plan.Replicas
                    ? $"Scaling {plan.CurrentHash} from {stable.Replicas.ToString(CultureInfo.InvariantCulture)} to {plan.Replicas.ToString(CultureInfo.InvariantCulture)} pods"
                    : $"{(stable?.AvailableReplicas ?? 0).ToString(CultureInfo.InvariantCulture)} of {plan.Replicas.ToString(CultureInfo.InvariantCulture)} pods of {plan.CurrentHash} available");
            }

            CheckProgressDeadline(plan, plan.ReplicaSet(plan.CurrentHash), stable);
        }
    }

    /// <summary>
    /// No progress for progressDeadlineSeconds while not paused: reported (and an abort with progressDeadlineAbort).
    /// Pauses do not count against the deadline: the clock restarts when a pause ends.
    /// </summary>
    private static void CheckProgressDeadline(RolloutPlan plan, ObservedReplicaSet? canary, ObservedReplicaSet? stable)
    {
        if (plan.Abort || plan.PauseConditions.Count > 0)
        {
            return;
        }

        if (CountsMoved(plan, canary))
        {
            plan.LastProgressAt = plan.Now;
        }

        var deadline = TimeSpan.FromSeconds(plan.Spec.ProgressDeadlineSeconds ?? 600);
        var since = plan.LastProgressAt ?? plan.StepStartedAt ?? plan.Now;
        var wasExceeded = plan.Old.Conditions?.Any(c => c.Type == RolloutConditions.Progressing && c.Reason == RolloutConditions.DeadlineExceededReason) == true;
        if (plan.Now - since > deadline)
        {
            plan.DeadlineExceeded = true;
            if (!wasExceeded)
            {
                plan.Fire(RolloutTrigger.ProgressDeadlineExceeded,
                    $"No progress for {KubernetesDuration.Format(deadline)} at step {Math.Min(plan.StepIndex + 1, Math.Max(plan.Steps.Count, 1))}");
            }

            if (plan.Spec.ProgressDeadlineAbort == true && plan.CurrentHash != plan.StableHash)
            {
                AbortNow(plan, $"progress deadline of {KubernetesDuration.Format(deadline)} exceeded");
            }

            return;
        }

        if (wasExceeded)
        {
            plan.Fire(RolloutTrigger.ProgressResumed, "Progressing again");
        }

        plan.RequeueNoLaterThan(since + deadline + TimeSpan.FromSeconds(1));
    }

    /// <summary>Progress is the Rollout's available pods changing (all ReplicaSets, and the canary's during an update).</summary>
    private static bool CountsMoved(RolloutPlan plan, ObservedReplicaSet? canary)
    {
        var total = plan.ReplicaSets.Sum(r => r.AvailableReplicas);
        if (total != (plan.Old.AvailableReplicas ?? 0))
        {
            return true;
        }

        return plan.CurrentHash != plan.StableHash && (canary?.AvailableReplicas ?? 0) != (plan.Old.Canary?.AvailableReplicas ?? 0);
    }
}
