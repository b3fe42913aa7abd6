using CanaryFlow.Controller.Analysis.Prometheus;
using CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

namespace CanaryFlow.Controller.Tests.Analysis.Prometheus;

/// <summary>Prometheus going away mid-analysis and coming back.</summary>
[Collection(PrometheusCollection.Name)]
public sealed class PrometheusAvailabilityTests(PrometheusFixture prometheus)
{
    [Fact]
    public async Task A_stopped_prometheus_is_a_typed_connection_error_and_queries_work_again_after_a_restart()
    {
        var client = prometheus.CreateClient();
        Assert.Equal(4, (await client.QueryAsync("http_requests_total", CancellationToken.None)).Samples.Count);

        await prometheus.StopPrometheusAsync();
        try
        {
            var error = await Assert.ThrowsAsync<PrometheusConnectionException>(() => client.QueryAsync("http_requests_total", CancellationToken.None));

            Assert.Equal(HttpRequestError.ConnectionError, error.Error);
            Assert.Equal(prometheus.Address, error.Address);
            Assert.StartsWith($"Cannot reach Prometheus at {prometheus.Address} (ConnectionError): ", error.Message, StringComparison.Ordinal);
            Assert.IsType<HttpRequestException>(error.InnerException);
        }
        finally
        {
            await prometheus.StartPrometheusAsync();
        }

        var after = await client.QueryAsync("http_requests_total", CancellationToken.None);
        Assert.Equal(4, after.Samples.Count);
    }
}
