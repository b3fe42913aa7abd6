using CanaryFlow.Controller.Health;

namespace CanaryFlow.Controller.Tests.Health;

public sealed class ReadinessStateTests
{
    private readonly ReadinessState _readiness = new();

    [Fact]
    public void Not_ready_until_the_informers_have_synced()
    {
        Assert.Equal(new HealthStatus(false, "informers not synced"), _readiness.Check());

        _readiness.SetInformersSynced(true);

        Assert.Equal(new HealthStatus(true, "ok"), _readiness.Check());
    }

    [Theory]
    [InlineData(LeaderElectionRole.Leader, true, "ok: leader")]
    [InlineData(LeaderElectionRole.Standby, true, "ok: standby")]
    [InlineData(LeaderElectionRole.Stopped, false, "left leader election")]
    [InlineData(LeaderElectionRole.NotUsed, true, "ok")]
    public void With_leader_election_the_leader_and_standbys_are_ready(LeaderElectionRole role, bool ready, string detail)
    {
        _readiness.SetInformersSynced(true);
        _readiness.SetLeaderElectionRole(role);

        Assert.Equal(new HealthStatus(ready, detail), _readiness.Check());
    }

    [Fact]
    public void A_standby_whose_informers_have_not_synced_is_not_ready()
    {
        _readiness.SetLeaderElectionRole(LeaderElectionRole.Standby);

        Assert.False(_readiness.Check().Healthy);
    }

    [Fact]
    public void Unknown_roles_are_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _readiness.SetLeaderElectionRole((LeaderElectionRole)42));
}
