using System.Globalization;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Labels;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Core.Rollouts;

/// <summary>Turns a finished plan into the decision: the phase (through the state machine), events, status and conditions.</summary>
internal static class RolloutStatusBuilder
{
    public static RolloutPhase? ParsePhase(string? phase) => Enum.TryParse<RolloutPhase>(phase, out var parsed) ? parsed : null;

    public static RolloutDecision Build(RolloutPlan plan, RolloutPhase? previousPhase)
    {
        var context = new RolloutTransitionContext();
        var phase = previousPhase ?? RolloutPhase.Progressing;
        foreach (var (trigger, note, text) in plan.Occurrences)
        {
            if (trigger is null)
            {
                context.Events.Add(note!);
                continue;
            }

            context.Message = text;
            phase = RolloutStateMachine.Machine.Fire(phase, trigger.Value, context).Destination;
        }

        phase = Settle(plan, phase, context);

        var events = new List<RolloutEvent>(context.Events);

        var canary = plan.ReplicaSet(plan.CurrentHash);
        var updateInFlight = plan.CurrentHash != plan.StableHash;
        var all = plan.ReplicaSets.ToList();
        var available = all.Sum(r => r.AvailableReplicas);
        var maxUnavailable = ReplicaPlanner.MaxUnavailable(plan);
        var paused = plan.PauseConditions.Count > 0;
        var message = Message(plan, phase, updateInFlight);
        var facts = new RolloutConditions.Facts(phase, false, plan.Abort, plan.DeadlineExceeded, paused, available >= plan.Replicas - maxUnavailable, updateInFlight, message, plan.Routed, RolloutGitPlanner.Reverts(plan.Spec.Git));
        // Starting from the old status keeps the fields this version does not model (written by a newer one).
        var status = plan.Old with
        {
            ObservedGeneration = plan.Rollout.Metadata.Generation,
            Phase = phase.ToString(),
            Message = message,
            CurrentPodHash = plan.CurrentHash,
            CurrentRevision = plan.Revision,
            StableRs = plan.StableHash,
            CurrentStepIndex = plan.StepIndex,
            CurrentStepStartedAt = plan.StepStartedAt,
            LastProgressAt = plan.LastProgressAt,
            Canary = (plan.Old.Canary ?? new CanaryStatus()) with
            {
                Weights = new TrafficWeights { Canary = plan.CanaryWeight, Stable = 100 - plan.CanaryWeight },
                CurrentStepAnalysisRun = plan.StepAnalysisRun,
                CurrentBackgroundAnalysisRun = plan.BackgroundAnalysisRun,
                AvailableReplicas = updateInFlight ? canary?.AvailableReplicas ?? 0 : null,
                Attempt = plan.Attempt == 0 ? null : plan.Attempt,
                BackgroundAnalysisHold = plan.BackgroundHold,
            },
            Abort = plan.Abort ? true : null,
            AbortedAt = plan.AbortedAt,
            AbortReason = plan.AbortReason,
            PauseConditions = paused ? plan.PauseConditions : null,
            ControllerPause = plan.ControllerPause ? true : null,
            PromoteFull = plan.PromoteFull ? true : null,
            Replicas = all.Sum(r => r.CurrentReplicas),
            UpdatedReplicas = canary?.CurrentReplicas ?? 0,
            ReadyReplicas = all.Sum(r => r.ReadyReplicas),
            AvailableReplicas = available,
            Selector = SelectorText(plan),
            Conditions = RolloutConditions.Build(plan.Old.Conditions, facts, plan.Rollout.Metadata.Generation, plan.Now),
            Git = plan.Git,
            RestartedAt = plan.RestartedAt,
        };
        return new RolloutDecision(plan.Actions, status, events, plan.RequeueAt);
    }

    /// <summary>
    /// During an update the phase must agree with the pause conditions: the triggers of one reconcile normally get it
    /// there, and when they do not (a pause that outlived the trigger that ended another), the missing transition is fired
    /// here, with its Event, instead of leaving a status that contradicts itself.
    /// </summary>
    private static RolloutPhase Settle(RolloutPlan plan, RolloutPhase phase, RolloutTransitionContext context)
    {
        if (plan.CurrentHash == plan.StableHash || plan.Abort || plan.DeadlineExceeded)
        {
            return phase;
        }

        if (phase == RolloutPhase.Progressing && plan.PauseConditions.Count > 0)
        {
            context.Message = "Paused: " + string.Join(", ", plan.PauseConditions.Select(c => c.Reason));
            return RolloutStateMachine.Machine.Fire(phase, RolloutTrigger.PauseStarted, context).Destination;
        }

        if (phase == RolloutPhase.Paused && plan.PauseConditions.Count == 0)
        {
            context.Message = "No pause holds the rollout any more";
            return RolloutStateMachine.Machine.Fire(phase, RolloutTrigger.PauseEnded, context).Destination;
        }

        return phase;
    }

    /// <summary>A spec the controller cannot act on: report it, touch nothing.</summary>
    public static RolloutDecision Invalid(ObservedRollout observed, RolloutPhase? previousPhase, IReadOnlyList<SpecProblem> problems, DateTimeOffset now)
    {
        var old = observed.Rollout.Status ?? new RolloutStatus();
        var message = "Invalid spec: " + string.Join("; ", problems);
        var context = new RolloutTransitionContext { Message = message };
        var phase = previousPhase ?? RolloutPhase.Progressing;
        var wasInvalid = old.Conditions?.Any(c => c.Type == RolloutConditions.InvalidSpec && c.Status == "True" && c.Message == message) == true;
        if (!wasInvalid)
        {
            phase = RolloutStateMachine.Machine.Fire(phase, RolloutTrigger.SpecInvalid, context).Destination;
        }
        else
        {
            phase = RolloutPhase.Degraded;
        }

        var facts = new RolloutConditions.Facts(phase, true, false, false, false, (old.AvailableReplicas ?? 0) > 0, false, message);
        var status = old with
        {
            ObservedGeneration = observed.Rollout.Metadata.Generation,
            Phase = phase.ToString(),
            Message = message,
            Conditions = RolloutConditions.Build(old.Conditions, facts, observed.Rollout.Metadata.Generation, now),
        };
        return new RolloutDecision([], status, context.Events, null);
    }

    private static string Message(RolloutPlan plan, RolloutPhase phase, bool updateInFlight)
    {
        var steps = plan.Steps.Count;
        var step = Math.Min(plan.StepIndex + 1, steps);
        var where = steps == 0 ? "" : $" at step {step.ToString(CultureInfo.InvariantCulture)}/{steps.ToString(CultureInfo.InvariantCulture)}";
        return phase switch
        {
            RolloutPhase.Degraded when plan.Abort && plan.StableMissing => $"Aborted: {plan.AbortReason}; the stable ReplicaSet {plan.ReplicaSetName(plan.StableHash ?? "")} is missing, so the canary keeps serving",
            RolloutPhase.Degraded when plan.Abort => $"Aborted: {plan.AbortReason}; traffic on stable {plan.StableHash}",
            RolloutPhase.Degraded when plan.DeadlineExceeded => $"Progress deadline exceeded{where}",
            RolloutPhase.Degraded => "Degraded",
            RolloutPhase.Paused => $"Paused{where}: {string.Join(", ", plan.PauseConditions.Select(c => c.Reason))}",
            RolloutPhase.Progressing when updateInFlight && plan.StableMissing => $"Canary {plan.CurrentHash}{where} is waiting: the stable ReplicaSet {plan.ReplicaSetName(plan.StableHash ?? "")} is missing",
            RolloutPhase.Progressing when updateInFlight => $"Canary {plan.CurrentHash}{where}, weight {plan.CanaryWeight.ToString(CultureInfo.InvariantCulture)}%",
            RolloutPhase.Progressing => $"Scaling stable {plan.StableHash} to {plan.Replicas.ToString(CultureInfo.InvariantCulture)} available pods",
            _ => $"Healthy: {plan.Replicas.ToString(CultureInfo.InvariantCulture)} pods of {plan.StableHash} available",
        };
    }

    private static string? SelectorText(RolloutPlan plan)
    {
        try
        {
            return plan.Spec.Selector is null ? null : LabelSelector.FromLabelSelectorObject(KubernetesSerializer.SerializeToNode(plan.Spec.Selector).AsObject()).ToString();
        }
        catch (LabelSelectorParseException)
        {
            return null;
        }
    }
}
