using CanaryFlow.Controller.Health;
using Microsoft.Extensions.Time.Testing;

namespace CanaryFlow.Controller.Tests.Health;

public sealed class LivenessStateTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly LivenessState _liveness;

    public LivenessStateTests() => _liveness = new LivenessState(TimeSpan.FromSeconds(60), _clock);

    [Fact]
    public void A_starting_process_is_alive_before_its_first_heartbeat()
    {
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(new HealthStatus(true, "ok: starting"), _liveness.Check());
    }

    [Fact]
    public void A_loop_that_stops_beating_for_longer_than_the_stall_timeout_is_not_alive()
    {
        _liveness.Heartbeat();
        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.True(_liveness.Check().Healthy);

        _clock.Advance(TimeSpan.FromSeconds(1));
        var status = _liveness.Check();
        Assert.False(status.Healthy);
        Assert.Equal("no heartbeat for 61 s (limit 60 s)", status.Detail);

        _liveness.Heartbeat();
        Assert.Equal(new HealthStatus(true, "ok"), _liveness.Check());
    }

    [Fact]
    public void A_reported_failure_is_final_and_the_first_reason_is_kept()
    {
        _liveness.Heartbeat();
        _liveness.ReportFailure("informer for rollouts stopped");
        _liveness.ReportFailure("second");
        _liveness.Heartbeat();

        Assert.Equal(new HealthStatus(false, "informer for rollouts stopped"), _liveness.Check());
    }
}
