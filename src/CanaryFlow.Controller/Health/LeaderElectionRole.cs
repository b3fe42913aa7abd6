namespace CanaryFlow.Controller.Health;

/// <summary>Where this instance stands in leader election, as far as readiness cares.</summary>
public enum LeaderElectionRole
{
    /// <summary>The controller runs without leader election.</summary>
    NotUsed,

    /// <summary>Campaigning for the Lease while another instance holds it: a standby, ready to take over.</summary>
    Standby,

    Leader,

    /// <summary>Left the election (lost the Lease or the elector stopped): can no longer take over.</summary>
    Stopped,
}
