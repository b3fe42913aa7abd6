using CanaryFlow.Kubernetes.Tests.Infrastructure;

namespace CanaryFlow.Kubernetes.Tests.LeaderElection;

/// <summary>
/// The leader election tests share one LocalCluster and run alone: they measure real time and inject server-wide
/// faults on Leases, so neither other tests' load nor their faults may leak in.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LeaderElectionCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "LeaderElection";
}
