using System.Net;
using CanaryFlow.Controller.Analysis.Prometheus;
using CanaryFlow.Controller.Tests.Infrastructure;
using CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

namespace CanaryFlow.Controller.Tests.Analysis.Prometheus;

/// <summary>
/// A bearer token checked by an authenticating proxy in front of the real Prometheus (2.42 cannot check bearer tokens
/// itself): the right token reaches Prometheus' real answer, a wrong one is the proxy's plain-text 401.
/// </summary>
[Collection(PrometheusCollection.Name)]
public sealed class PrometheusBearerAuthTests(PrometheusFixture prometheus) : IAsyncLifetime
{
    private const string _token = "eyJ-bearer-token-for-tests";
    private BearerTokenProxy _proxy = null!;

    public async Task InitializeAsync() => _proxy = await BearerTokenProxy.StartAsync(prometheus.Address, _token);

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    [Theory]
    [InlineData(PrometheusQueryMethod.Get)]
    [InlineData(PrometheusQueryMethod.Post)]
    public async Task The_right_token_gets_prometheus_answer_through_the_proxy(PrometheusQueryMethod method)
    {
        var client = new PrometheusClient(prometheus.HttpClient, new PrometheusClientOptions
        {
            Address = _proxy.Address,
            Authentication = new PrometheusBearerAuthentication(_token),
            Method = method,
        });

        var result = await client.QueryAsync("sum by (version) (http_requests_total)", CancellationToken.None);

        Assert.Equal(["canary", "stable"], result.Samples.Select(s => s.Labels["version"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_wrong_token_is_the_proxys_401_and_is_not_repeated_in_the_error_or_the_log()
    {
        var logger = new RecordingLogger();
        var client = new PrometheusClient(prometheus.HttpClient, new PrometheusClientOptions
        {
            Address = _proxy.Address,
            Authentication = new PrometheusBearerAuthentication("stale-token-77"),
        }, logger);

        var error = await Assert.ThrowsAsync<PrometheusResponseException>(() => client.QueryAsync("up", CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("401 Unauthorized: a valid bearer token is required", error.BodySnippet);
        Assert.DoesNotContain("stale-token-77", error.ToString(), StringComparison.Ordinal);
        Assert.All(logger.Entries, e => Assert.DoesNotContain("stale-token-77", e.Message, StringComparison.Ordinal));
    }
}
