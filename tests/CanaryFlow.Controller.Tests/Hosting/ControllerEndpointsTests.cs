using System.Net;
using CanaryFlow.Controller.Health;
using CanaryFlow.Controller.Hosting;
using CanaryFlow.Controller.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;

namespace CanaryFlow.Controller.Tests.Hosting;

/// <summary>The endpoints through a real ASP.NET Core pipeline (TestServer: routing, middleware, headers).</summary>
public sealed class ControllerEndpointsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new();
    private readonly MetricRegistry _registry = new();
    private readonly ReadinessState _readiness = new();
    private readonly LivenessState _liveness;
    private WebApplication? _app;
    private HttpClient? _client;

    public ControllerEndpointsTests() => _liveness = new LivenessState(TimeSpan.FromSeconds(30), _clock);

    private HttpClient Client => _client ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        _app = builder.Build();
        _app.MapControllerEndpoints(_registry, _liveness, _readiness);
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Metrics_are_served_in_the_prometheus_text_format()
    {
        _registry.CreateCounter("canaryflow_test_total", "A \"test\" counter.", ["verb"]).WithLabels("get").Inc(2);

        using var response = await Client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(
            "# HELP canaryflow_test_total A \"test\" counter.\n# TYPE canaryflow_test_total counter\ncanaryflow_test_total{verb=\"get\"} 2\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Liveness_answers_503_with_the_reason_once_the_loop_stalls()
    {
        _liveness.Heartbeat();
        await AssertHealthAsync("/healthz", HttpStatusCode.OK, "ok\n");

        _clock.Advance(TimeSpan.FromSeconds(31));

        await AssertHealthAsync("/healthz", HttpStatusCode.ServiceUnavailable, "no heartbeat for 31 s (limit 30 s)\n");
    }

    [Fact]
    public async Task Readiness_follows_informer_sync_and_leader_election()
    {
        await AssertHealthAsync("/readyz", HttpStatusCode.ServiceUnavailable, "informers not synced\n");

        _readiness.SetInformersSynced(true);
        _readiness.SetLeaderElectionRole(LeaderElectionRole.Standby);
        await AssertHealthAsync("/readyz", HttpStatusCode.OK, "ok: standby\n");

        _readiness.SetLeaderElectionRole(LeaderElectionRole.Leader);
        await AssertHealthAsync("/readyz", HttpStatusCode.OK, "ok: leader\n");

        _readiness.SetLeaderElectionRole(LeaderElectionRole.Stopped);
        await AssertHealthAsync("/readyz", HttpStatusCode.ServiceUnavailable, "left leader election\n");
    }

    [Fact]
    public async Task Only_GET_is_mapped()
    {
        using var content = new StringContent("");
        using var response = await Client.PostAsync(new Uri("/metrics", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private async Task AssertHealthAsync(string path, HttpStatusCode status, string body)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }
}
