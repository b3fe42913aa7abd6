using CanaryFlow.Controller.Analysis.Prometheus;
using CanaryFlow.Controller.Tests.Infrastructure;
using CanaryFlow.Controller.Tests.Infrastructure.Prometheus;
using Microsoft.Extensions.Time.Testing;

namespace CanaryFlow.Controller.Tests.Analysis.Prometheus;

/// <summary>
/// The client's own deadline against a listener that accepts and never answers: a request timeout is its own
/// exception, distinct from the caller's cancellation (and from Prometheus' evaluation timeout, see PrometheusQueryTests).
/// </summary>
public sealed class PrometheusClientTimeoutTests : IDisposable
{
    private readonly BlackholeListener _blackhole = new();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _blackhole.Dispose();
    }

    [Fact]
    public async Task The_request_timeout_ends_a_hung_request_with_a_request_timeout_exception()
    {
        var clock = new FakeTimeProvider();
        var client = new PrometheusClient(_http, new PrometheusClientOptions { Address = _blackhole.Address, RequestTimeout = TimeSpan.FromSeconds(5) }, timeProvider: clock);

        var query = client.QueryAsync("up", CancellationToken.None);
        await _blackhole.Accepted.OrHang();
        Assert.False(query.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<PrometheusRequestTimeoutException>(() => query.OrHang());
        Assert.Equal(TimeSpan.FromSeconds(5), error.Timeout);
        Assert.Equal($"Prometheus at {_blackhole.Address} did not answer within the client's request timeout of 5 s", error.Message);
    }

    [Fact]
    public async Task The_callers_cancellation_is_an_operation_cancelled_exception_with_the_callers_token()
    {
        var client = new PrometheusClient(_http, new PrometheusClientOptions { Address = _blackhole.Address, RequestTimeout = TimeSpan.FromMinutes(5) });
        using var cancellation = new CancellationTokenSource();

        var query = client.QueryAsync("up", cancellation.Token);
        await _blackhole.Accepted.OrHang();
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query.OrHang());
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.IsNotAssignableFrom<PrometheusException>(error);
    }

    [Fact]
    public async Task A_shorter_http_client_timeout_is_reported_as_the_request_timeout_it_is()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };
        var client = new PrometheusClient(http, new PrometheusClientOptions { Address = _blackhole.Address, RequestTimeout = TimeSpan.FromMinutes(5) });

        var error = await Assert.ThrowsAsync<PrometheusRequestTimeoutException>(() => client.QueryAsync("up", CancellationToken.None).OrHang());

        Assert.Equal(TimeSpan.FromMilliseconds(200), error.Timeout);
    }
}
