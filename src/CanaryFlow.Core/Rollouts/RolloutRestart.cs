using System.Globalization;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Core.Rollouts;

/// <summary>
/// kubectl canaryflow restart sets spec.restartAt: every pod created before it is deleted, a few at a time (no more
/// than maxUnavailable pods down, at least one), so its ReplicaSet replaces it. Runs only in steady state: during an
/// update the new template replaces the pods anyway.
/// </summary>
public static class RolloutRestart
{
    /// <summary>True while a restart is due and not finished: the controller then observes the Rollout's pods.</summary>
    public static bool Pending(Rollout rollout, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        return rollout.Spec?.RestartAt is { } at && at <= now && (rollout.Status?.RestartedAt is not { } done || done < at);
    }

    internal static void Apply(RolloutPlan plan, ObservedReplicaSet? stable)
    {
        if (plan.Spec.RestartAt is not { } at || plan.RestartedAt >= at)
        {
            return;
        }

        if (at > plan.Now)
        {
            plan.RequeueNoLaterThan(at);
            return;
        }

        if (stable is null || plan.Observed.Pods is not { } allPods)
        {
            return;
        }

        var pods = allPods.Where(p => p.Hash == stable.Hash).ToList();
        var old = pods.Where(p => !p.Terminating && p.CreatedAt < at).OrderBy(p => p.CreatedAt).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();
        if (old.Count == 0)
        {
            plan.RestartedAt = at;
            plan.Note(RolloutEvent.Normal, "RolloutRestarted", $"Restarted all pods created before {at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}");
            return;
        }

        var down = pods.Count(p => p.Terminating || !p.Ready) + Math.Max(0, plan.Replicas - pods.Count);
        var budget = Math.Max(1, ReplicaPlanner.MaxUnavailable(plan)) - down;
        foreach (var pod in old.Take(Math.Max(0, budget)))
        {
            plan.Actions.Add(new DeletePod(pod.Name, pod.Uid));
        }
    }
}
