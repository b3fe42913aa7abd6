namespace CanaryFlow.Controller.Queue;

/// <summary>How a <see cref="WorkQueue{TKey}"/> backs off, shuts down and tells time.</summary>
public sealed record WorkQueueOptions
{
    /// <summary>Names the queue in logs (a controller may run one queue per kind).</summary>
    public string Name { get; init; } = "rollouts";

    /// <summary>The wait after a key's first failure; it doubles with each further failure up to <see cref="MaxFailureBackoff"/>.</summary>
    public TimeSpan BaseFailureBackoff { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest wait between retries of a failing key (rollout-semantics §3: 10 s).</summary>
    public TimeSpan MaxFailureBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long running reconciles get to finish once shutdown starts; then their token is cancelled and the workers
    /// are left behind. Below Kubernetes' default 30 s termination grace period so the rest of the host can stop too.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(20);

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(BaseFailureBackoff, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFailureBackoff, BaseFailureBackoff);
        ArgumentOutOfRangeException.ThrowIfLessThan(ShutdownTimeout, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(Clock);
    }
}
