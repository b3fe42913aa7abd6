using System.Text.Json.Nodes;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Core.Rollouts;

/// <summary>
/// The Rollout controller's brain: a pure function of what was observed and the time. It reconstructs where the
/// rollout is from its status (so a restarted controller continues exactly where the last one stopped), decides
/// the next changes, the status and the events, and when to look again. It never does I/O.
/// </summary>
public static partial class RolloutDecider
{
    public static RolloutDecision Decide(ObservedRollout observed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(observed);
        var previousPhase = RolloutStatusBuilder.ParsePhase(observed.Rollout.Status?.Phase);
        var problems = RolloutValidator.Validate(observed.Rollout);
        if (problems.Count > 0)
        {
            return RolloutStatusBuilder.Invalid(observed, previousPhase, problems, now);
        }

        if (TrafficRoutingHold.Problem(observed) is { } routingProblem)
        {
            return TrafficRoutingHold.Decide(observed, routingProblem, now);
        }

        var plan = new RolloutPlan(observed, now);
        if (observed.Rollout.Status?.Conditions?.Any(c => c.Type == RolloutConditions.InvalidSpec && c.Status == "True") == true)
        {
            plan.Fire(RolloutTrigger.SpecFixed, "The spec is valid again");
        }

        if (TrafficRoutingHold.WasHeld(observed.Rollout.Status))
        {
            // The time spent waiting for the router is not a step that made no progress.
            plan.LastProgressAt = now;
            plan.Note(RolloutEvent.Normal, TrafficRoutingHold.ReadyEvent, "Traffic routing is ready again; the rollout continues");
        }

        plan.Template = JsonObject.Create(observed.Rollout.Spec!.Template!.Value)!;
        plan.CurrentHash = RolloutPlan.HashOf(plan.Template);
        if (plan.StableHash is null)
        {
            StartFirstRevision(plan);
        }

        if (plan.CurrentHash == plan.StableHash)
        {
            Steady(plan);
        }
        else
        {
            Update(plan);
        }

        PruneHistory(plan);
        RolloutGitPlanner.Plan(plan);
        return RolloutStatusBuilder.Build(plan, previousPhase);
    }

    /// <summary>A new Rollout: its first template is the stable one straight away (there is nothing to compare a canary with).</summary>
    private static void StartFirstRevision(RolloutPlan plan)
    {
        plan.StableHash = plan.CurrentHash;
        plan.StepIndex = plan.Steps.Count;
        plan.LastProgressAt = plan.Now;
        plan.Revision = plan.ReplicaSet(plan.CurrentHash)?.Revision ?? plan.NextRevision();
        plan.Fire(RolloutTrigger.TemplateChanged, $"Created revision {plan.Revision} ({plan.CurrentHash})");
    }

    /// <summary>
    /// The template is the stable one: keep the stable ReplicaSet at full size and take everything else down. When a
    /// canary was in flight this is a fast rollback (no steps, no analysis).
    /// </summary>
    private static void Steady(RolloutPlan plan)
    {
        var previousCanary = plan.Old.CurrentPodHash;
        if (previousCanary is not null && previousCanary != plan.CurrentHash)
        {
            plan.Fire(RolloutTrigger.RolledBack, $"Rolled back to the stable revision ({plan.CurrentHash}) without steps");
            plan.LastProgressAt = plan.Now;
        }

        var stable = EnsureReplicaSet(plan, plan.CurrentHash, plan.Replicas);
        plan.Revision = stable?.Revision ?? plan.Revision;
        plan.Scale(stable, plan.Replicas);

        // Traffic first, then selectors, then pods: never send requests to pods that are going away.
        plan.Route(0);
        plan.Select(plan.Observed.StableService, plan.CurrentHash);
        plan.Select(plan.Observed.CanaryService, plan.CurrentHash);
        plan.RemoveManagedRoutes();
        ScaleDownOthers(plan);
        TerminateAnalyses(plan);
        plan.StepIndex = plan.Steps.Count;
        plan.StepStartedAt = null;
        plan.Abort = false;
        plan.AbortedAt = null;
        plan.AbortReason = null;
        plan.PromoteFull = false;
        plan.ControllerPause = false;
        plan.BackgroundHold = null;
        plan.PauseConditions.RemoveAll(c => c.Reason != PauseReasons.User);
        SyncUserPause(plan);
        CheckAvailability(plan, stable);
        RolloutRestart.Apply(plan, stable);
    }

    /// <summary>The template differs from the stable one: a canary is (or starts) in flight.</summary>
    private static void Update(RolloutPlan plan)
    {
        if (plan.Old.CurrentPodHash != plan.CurrentHash)
        {
            StartCanary(plan);
        }
        else if (plan.AbortedAt is not null && !plan.Abort)
        {
            Retry(plan);
        }

        var canary = EnsureReplicaSet(plan, plan.CurrentHash, 0);
        var stable = plan.ReplicaSet(plan.StableHash);
        plan.StableMissing = stable is null;
        plan.Revision = canary?.Revision ?? plan.Revision;
        ScaleDownOthers(plan);
        if (plan.Abort)
        {
            Aborted(plan, canary, stable);
            return;
        }

        SyncUserPause(plan);
        if (plan.PromoteFull && plan.StepIndex < plan.Steps.Count)
        {
            plan.StepIndex = plan.Steps.Count;
            plan.ControllerPause = false;
            plan.PauseConditions.RemoveAll(c => c.Reason != PauseReasons.User);
            TerminateAnalyses(plan);
            plan.Fire(RolloutTrigger.PauseEnded, "Fully promoted: the remaining steps and analysis are skipped");
        }

        // The background analysis is judged before the steps: a failure seen together with a ready canary must abort,
        // never promote.
        var backgroundHolds = RunBackgroundAnalysis(plan);
        if (plan.Abort)
        {
            Aborted(plan, canary, stable);
            return;
        }

        if (plan.PauseConditions.Any(c => c.Reason == PauseReasons.User) || backgroundHolds)
        {
            HoldAtCurrentStep(plan, canary, stable);
        }
        else
        {
            RunSteps(plan, canary, stable);
        }

        if (plan.Abort)
        {
            Aborted(plan, canary, stable);
            return;
        }

        CheckProgressDeadline(plan, canary, stable);
        if (plan.Abort)
        {
            Aborted(plan, canary, stable);
        }
    }

    /// <summary>Someone cleared status.abort: the same canary starts again from the first step, with fresh analysis runs.</summary>
    private static void Retry(RolloutPlan plan)
    {
        plan.AbortedAt = null;
        plan.AbortReason = null;
        plan.StepIndex = 0;
        plan.StepStartedAt = plan.Now;
        plan.LastProgressAt = plan.Now;
        plan.PauseConditions.RemoveAll(c => c.Reason != PauseReasons.User);
        plan.ControllerPause = false;
        plan.BackgroundHold = null;
        plan.StepAnalysisRun = null;
        plan.Attempt++;
        if (plan.Git?.Rejected is { } rejected && rejected.Contains(plan.CurrentHash))
        {
            plan.Git = plan.Git with { Rejected = [.. rejected.Where(h => h != plan.CurrentHash)] };
        }

        plan.Fire(RolloutTrigger.Retried, $"Retrying the canary {plan.CurrentHash} from the first step");
    }

    /// <summary>A template seen for the first time: the canary starts at step 0 (superseding any canary in flight).</summary>
    private static void StartCanary(RolloutPlan plan)
    {
        var superseded = plan.Old.CurrentPodHash is { } previous && previous != plan.StableHash ? previous : null;
        var revision = plan.ReplicaSet(plan.CurrentHash)?.Revision ?? plan.NextRevision();
        plan.Revision = revision;
        plan.StepIndex = 0;
        plan.StepStartedAt = plan.Now;
        plan.LastProgressAt = plan.Now;
        plan.Attempt++;
        plan.Abort = false;
        plan.AbortedAt = null;
        plan.AbortReason = null;
        plan.PromoteFull = false;
        plan.ControllerPause = false;
        plan.BackgroundHold = null;
        plan.PauseConditions.RemoveAll(c => c.Reason != PauseReasons.User);
        TerminateAnalyses(plan);
        if (superseded is not null)
        {
            // Take traffic off the old canary before its pods go (ScaleDownOthers takes them down).
            plan.Route(0);
        }

        plan.Fire(RolloutTrigger.TemplateChanged, superseded is null
            ? $"Updated to revision {revision} ({plan.CurrentHash}); starting the canary steps"
            : $"Updated to revision {revision} ({plan.CurrentHash}), superseding the canary {superseded}; starting the canary steps again");
        if (plan.Git?.Rejected is { } rejected && rejected.Contains(plan.CurrentHash))
        {
            // Git brought back a template that was aborted: no new canary until someone runs retry.
            plan.Abort = true;
            plan.AbortedAt = plan.Now;
            plan.AbortReason = $"template {plan.CurrentHash} was rejected by an earlier abort; run retry to try it again";
        }
    }

    private static ObservedReplicaSet? EnsureReplicaSet(RolloutPlan plan, string hash, int replicas)
    {
        if (plan.ReplicaSet(hash) is { } existing)
        {
            return existing;
        }

        // The revision was handed out when the template was first seen (it is in the status), so a retried create
        // uses the same number.
        var revision = plan.Revision ?? plan.NextRevision();
        plan.Revision = revision;
        plan.Actions.Add(new CreateReplicaSet(plan.ReplicaSetName(hash), hash, revision, (JsonObject)plan.Template.DeepClone(), replicas));
        return null;
    }

    /// <summary>Every ReplicaSet that is neither the stable nor the current template's goes to zero.</summary>
    private static void ScaleDownOthers(RolloutPlan plan)
    {
        foreach (var other in plan.ReplicaSets.Where(r => r.Hash != plan.CurrentHash && r.Hash != plan.StableHash && (r.Replicas > 0 || r.ScaleDownDeadline is not null)).OrderBy(r => r.Revision))
        {
            ScaleDownOld(plan, other);
        }
    }

    /// <summary>
    /// An old ReplicaSet goes to zero. With a router, after scaleDownDelaySeconds (the router may still send it
    /// requests). Without one its pods are traffic: they go as fast as the availability budget allows.
    /// </summary>
    private static void ScaleDownOld(RolloutPlan plan, ObservedReplicaSet rs)
    {
        if (!plan.Routed)
        {
            plan.Scale(rs, AvailabilityBudget.ScaleDownTarget(plan, rs, 0));
            return;
        }

        var delay = TimeSpan.FromSeconds(plan.Canary.ScaleDownDelaySeconds ?? 30);
        var deadline = rs.ScaleDownDeadline ?? plan.Now + delay;
        if (delay <= TimeSpan.Zero || plan.Now >= deadline)
        {
            plan.Scale(rs, 0);
        }
        else
        {
            plan.Scale(rs, rs.Replicas, deadline);
            plan.RequeueNoLaterThan(deadline);
        }
    }

    private static void TerminateAnalyses(RolloutPlan plan)
    {
        foreach (var name in new[] { plan.StepAnalysisRun, plan.BackgroundAnalysisRun })
        {
            if (name is not null && plan.Observed.Analyses.TryGetValue(name, out var run) && !run.IsCompleted)
            {
                plan.Actions.Add(new TerminateAnalysis(name));
            }
        }

        plan.StepAnalysisRun = null;
        plan.BackgroundAnalysisRun = null;
    }

    /// <summary>Keeps revisionHistoryLimit old ReplicaSets (scaled to zero) and deletes older ones.</summary>
    private static void PruneHistory(RolloutPlan plan)
    {
        var limit = plan.Spec.RevisionHistoryLimit ?? 10;
        var old = plan.ReplicaSets
            .Where(r => r.Hash != plan.CurrentHash && r.Hash != plan.StableHash && r.Replicas == 0 && r.CurrentReplicas == 0)
            .OrderByDescending(r => r.Revision)
            .Skip(limit);
        foreach (var rs in old)
        {
            plan.Actions.Add(new DeleteReplicaSet(rs.Name));
        }
    }
}

/// <summary>The reasons of <c>status.pauseConditions</c>.</summary>
public static class PauseReasons
{
    public const string Step = "CanaryPauseStep";
    public const string User = "UserPause";
    public const string AnalysisInconclusive = "AnalysisInconclusive";
    public const string AnalysisFailed = "AnalysisFailed";
    public const string BackgroundAnalysisInconclusive = "BackgroundAnalysisInconclusive";
}

/// <summary>Values of <c>status.canary.backgroundAnalysisHold</c>.</summary>
public static class BackgroundHolds
{
    public const string Held = "Held";
    public const string Accepted = "Accepted";
}
