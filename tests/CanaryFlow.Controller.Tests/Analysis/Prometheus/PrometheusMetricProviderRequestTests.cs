using CanaryFlow.Controller.Analysis.Providers;
using CanaryFlow.Controller.Tests.Infrastructure;
using CanaryFlow.Controller.Tests.Infrastructure.Prometheus;
using CanaryFlow.Core.Api;
using Microsoft.Extensions.Time.Testing;
using static CanaryFlow.Controller.Tests.Analysis.Prometheus.PrometheusMetricProviderTests;

namespace CanaryFlow.Controller.Tests.Analysis.Prometheus;

/// <summary>
/// What the provider sends (headers with arguments, the timeout parameter), seen by the workload's recorder over real
/// HTTP, and how it ends requests that get no answer: things a real Prometheus cannot show or cannot do.
/// </summary>
public sealed class PrometheusMetricProviderRequestTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private WorkloadApp _workload = null!;

    public async Task InitializeAsync() => _workload = await WorkloadApp.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _workload.DisposeAsync();
    }

    [Fact]
    public async Task Headers_carry_substituted_arguments_and_the_timeout_goes_to_prometheus()
    {
        var provider = new PrometheusMetricProvider(_http, new InMemorySecretReader());
        var query = Measurement(
            new PrometheusMetric
            {
                Address = _workload.RecorderAddress.ToString(),
                Query = "up{namespace=\"{{args.ns}}\"}",
                Timeout = "1m30s",
                Headers = [new WebHeader { Key = "X-Scope-OrgID", Value = "{{args.tenant}}" }, new WebHeader { Key = "X-Team", Value = "payments" }],
            },
            Args(("ns", "shop", false), ("tenant", "tenant-secret-81", true)));

        var measured = await provider.MeasureAsync(query, CancellationToken.None);

        var request = Assert.Single(_workload.RecordedRequests);
        Assert.Equal("/recorder/api/v1/query?query=up%7Bnamespace%3D%22shop%22%7D&timeout=90", request.PathAndQuery);
        Assert.Equal("tenant-secret-81", request.Headers["X-Scope-OrgID"]);
        Assert.Equal("payments", request.Headers["X-Team"]);
        Assert.Equal("up{namespace=\"shop\"}", measured.ShownQuery);
    }

    [Fact]
    public async Task Without_a_timeout_prometheus_gets_the_default_of_30_seconds()
    {
        var provider = new PrometheusMetricProvider(_http, new InMemorySecretReader());

        await provider.MeasureAsync(Measurement(new PrometheusMetric { Address = _workload.RecorderAddress.ToString(), Query = "up" }), CancellationToken.None);

        Assert.Equal("/recorder/api/v1/query?query=up&timeout=30", Assert.Single(_workload.RecordedRequests).PathAndQuery);
    }

    [Theory]
    [InlineData("Bad Header", "\"Bad Header\" is not a valid HTTP header name")]
    [InlineData("Content-Type", "header Content-Type is set by the client itself")]
    [InlineData("Content-Encoding", "header Content-Encoding cannot be set on a request")]
    public async Task A_header_that_cannot_be_sent_is_an_error_naming_it_without_its_secret_value(string name, string problem)
    {
        var provider = new PrometheusMetricProvider(_http, new InMemorySecretReader());
        var query = Measurement(
            new PrometheusMetric { Address = _workload.RecorderAddress.ToString(), Query = "up", Headers = [new WebHeader { Key = name, Value = "{{args.key}}" }] },
            Args(("key", "header-secret-6d", true)));

        var error = await Assert.ThrowsAsync<MetricProviderException>(() => provider.MeasureAsync(query, CancellationToken.None));

        Assert.Equal($"Prometheus at {_workload.RecorderAddress}: {problem}", error.Message);
        Assert.DoesNotContain("header-secret-6d", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_workload.RecordedRequests);
    }

    [Fact]
    public async Task A_header_set_twice_is_an_error()
    {
        var provider = new PrometheusMetricProvider(_http, new InMemorySecretReader());
        var query = Measurement(new PrometheusMetric
        {
            Address = _workload.RecorderAddress.ToString(),
            Query = "up",
            Headers = [new WebHeader { Key = "X-Team", Value = "a" }, new WebHeader { Key = "x-team", Value = "b" }],
        });

        var error = await Assert.ThrowsAsync<MetricProviderException>(() => provider.MeasureAsync(query, CancellationToken.None));

        Assert.Equal($"Prometheus at {_workload.RecorderAddress}: header x-team is set twice", error.Message);
    }

    [Fact]
    public async Task A_prometheus_that_never_answers_is_an_error_once_the_timeout_and_its_margin_pass()
    {
        using var blackhole = new BlackholeListener();
        var clock = new FakeTimeProvider();
        var provider = new PrometheusMetricProvider(_http, new InMemorySecretReader(), timeProvider: clock);

        var measuring = provider.MeasureAsync(Measurement(new PrometheusMetric { Address = blackhole.Address.ToString(), Query = "up", Timeout = "10s" }), CancellationToken.None);
        await blackhole.Accepted.OrHang();
        clock.Advance(TimeSpan.FromSeconds(10) + PrometheusMetricProvider.RequestTimeoutMargin - TimeSpan.FromMilliseconds(1));
        Assert.False(measuring.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        var error = await Assert.ThrowsAsync<MetricProviderException>(() => measuring.OrHang());
        Assert.Equal($"Prometheus at {blackhole.Address} did not answer within the client's request timeout of 15 s", error.Message);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_turned_into_an_error_measurement()
    {
        using var blackhole = new BlackholeListener();
        var provider = new PrometheusMetricProvider(_http, new InMemorySecretReader());
        using var cancellation = new CancellationTokenSource();

        var measuring = provider.MeasureAsync(Measurement(new PrometheusMetric { Address = blackhole.Address.ToString(), Query = "up" }), cancellation.Token);
        await blackhole.Accepted.OrHang();
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => measuring.OrHang());
        Assert.Equal(cancellation.Token, error.CancellationToken);
    }
}
