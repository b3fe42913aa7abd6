namespace CanaryFlow.Kubernetes.LeaderElection;

/// <summary>What a <see cref="LeaderElector"/> calls as leadership comes and goes.</summary>
public sealed record LeaderCallbacks
{
    /// <summary>
    /// The work only the leader may do, started when this process becomes leader. The token is cancelled when
    /// leadership is lost or the run is cancelled; the work must then stop and return. Leadership lasts as long as this
    /// work: the elector keeps renewing until it returns and only then releases the Lease, so two processes never work
    /// at once. Work that returns (or throws) on its own ends leadership too.
    /// </summary>
    public required Func<CancellationToken, Task> OnStartedLeading { get; init; }

    /// <summary>Called once when leadership ends, however it ends. After a lost Lease the process should usually exit.</summary>
    public Action? OnStoppedLeading { get; init; }

    /// <summary>Called with the holder's identity whenever the observed holder changes (this process included). Must return quickly.</summary>
    public Action<string>? OnNewLeader { get; init; }
}
