using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Kubernetes.LeaderElection;

/// <summary>
/// The election content of a Lease spec, compared as a whole to notice that the holder wrote something (client-go
/// compares the raw record bytes). An absent holder and an empty one are the same: nobody holds the Lease.
/// </summary>
internal readonly record struct LeaderElectionRecord(
    string HolderIdentity,
    int LeaseDurationSeconds,
    DateTimeOffset? AcquireTime,
    DateTimeOffset? RenewTime,
    int LeaseTransitions)
{
    public static LeaderElectionRecord Of(Lease lease) => new(
        lease.Spec?.HolderIdentity ?? "",
        lease.Spec?.LeaseDurationSeconds ?? 0,
        lease.Spec?.AcquireTime,
        lease.Spec?.RenewTime,
        lease.Spec?.LeaseTransitions ?? 0);

    public LeaseSpec ApplyTo(LeaseSpec? spec) => (spec ?? new LeaseSpec()) with
    {
        HolderIdentity = HolderIdentity,
        LeaseDurationSeconds = LeaseDurationSeconds,
        AcquireTime = AcquireTime,
        RenewTime = RenewTime,
        LeaseTransitions = LeaseTransitions,
    };
}
