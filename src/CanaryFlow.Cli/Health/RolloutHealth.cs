using CanaryFlow.Core.Api;

namespace CanaryFlow.Cli.Health;

/// <summary>What <c>status</c> waits for.</summary>
internal enum RolloutOutcome
{
    /// <summary>Not decided yet: an update is in flight, paused, or the controller has not seen the latest spec.</summary>
    Pending,
    Healthy,
    Degraded,
}

/// <summary>
/// Judges a Rollout for a CI gate. The phase counts only once the controller has observed the current generation:
/// right after a change of the template the old "Healthy" still stands, and a gate must not pass on it.
/// </summary>
internal static class RolloutHealth
{
    public static RolloutOutcome Judge(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var status = rollout.Status;
        if (status is null || (status.ObservedGeneration ?? 0) < (rollout.Metadata.Generation ?? 0))
        {
            return RolloutOutcome.Pending;
        }

        return status.Phase switch
        {
            "Healthy" when status.CurrentPodHash is null || status.CurrentPodHash == status.StableRs => RolloutOutcome.Healthy,
            "Degraded" => RolloutOutcome.Degraded,
            _ => RolloutOutcome.Pending,
        };
    }
}
