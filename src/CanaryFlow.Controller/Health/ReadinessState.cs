namespace CanaryFlow.Controller.Health;

/// <summary>
/// What /readyz answers, set by the host: ready once the informers have synced and, with leader election, while this
/// instance leads or stands by to take over. Thread-safe.
/// </summary>
public sealed class ReadinessState
{
    private volatile bool _informersSynced;
    private volatile LeaderElectionRole _role;

    public bool InformersSynced => _informersSynced;

    public LeaderElectionRole Role => _role;

    public void SetInformersSynced(bool synced) => _informersSynced = synced;

    public void SetLeaderElectionRole(LeaderElectionRole role)
    {
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown leader election role");
        }

        _role = role;
    }

    public HealthStatus Check()
    {
        // Both read once so that the answer and its detail agree.
        var synced = _informersSynced;
        var role = _role;
        if (!synced)
        {
            return new HealthStatus(false, "informers not synced");
        }

        return role switch
        {
            LeaderElectionRole.Leader => new HealthStatus(true, "ok: leader"),
            LeaderElectionRole.Standby => new HealthStatus(true, "ok: standby"),
            LeaderElectionRole.Stopped => new HealthStatus(false, "left leader election"),
            _ => new HealthStatus(true, "ok"),
        };
    }
}
