using CanaryFlow.Controller.Analysis.Prometheus;
using CanaryFlow.Controller.Tests.Infrastructure;
using CanaryFlow.Controller.Tests.Infrastructure.Prometheus;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Tests.Analysis.Prometheus;

/// <summary>
/// Warnings from the real Prometheus: its remote_read endpoint refuses connections, so every query that selects series
/// is answered from local data plus a <c>warnings</c> entry (Prometheus 2.42 has no other way to warn, and no infos).
/// </summary>
public sealed class PrometheusWarningTests(PrometheusWarningTests.WarningPrometheus warning) : IClassFixture<PrometheusWarningTests.WarningPrometheus>
{
    [Fact]
    public async Task A_failing_remote_read_is_a_warning_kept_beside_the_local_data_and_logged()
    {
        var logger = new RecordingLogger();
        var client = new PrometheusClient(warning.HttpClient, new PrometheusClientOptions { Address = warning.Server.Address }, logger);

        var result = await client.QueryAsync("http_requests_total{version=\"canary\",code=\"200\"}", CancellationToken.None);

        Assert.Equal("canary", Assert.Single(result.Samples).Labels["version"]);
        var message = Assert.Single(result.Warnings);
        Assert.StartsWith($"remote_read: error sending request: Post \"{warning.RemoteRead}\"", message, StringComparison.Ordinal);
        Assert.Contains("connection refused", message, StringComparison.Ordinal);
        Assert.Empty(result.Infos);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Information && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_expression_that_selects_no_series_reads_nothing_remote_and_has_no_warning()
    {
        var client = new PrometheusClient(warning.HttpClient, new PrometheusClientOptions { Address = warning.Server.Address });

        var result = await client.QueryAsync("vector(1)", CancellationToken.None);

        Assert.Empty(result.Warnings);
        Assert.Equal(1, Assert.Single(result.Samples).Value);
    }

    [Fact]
    public async Task An_empty_result_with_a_warning_is_still_empty_not_an_error()
    {
        var client = new PrometheusClient(warning.HttpClient, new PrometheusClientOptions { Address = warning.Server.Address });

        var result = await client.QueryAsync("http_requests_total{version=\"none\"}", CancellationToken.None);

        Assert.True(result.IsEmpty);
        Assert.Single(result.Warnings);
    }

    /// <summary>A Prometheus scraping its own workload, with a remote_read URL on a port nothing listens on.</summary>
    public sealed class WarningPrometheus : IAsyncLifetime
    {
        public PrometheusServer Server { get; private set; } = null!;

        public WorkloadApp Workload { get; private set; } = null!;

        public HttpClient HttpClient { get; } = new();

        public Uri RemoteRead { get; } = new($"http://127.0.0.1:{FreePort.Next()}/api/v1/read");

        public async Task InitializeAsync()
        {
            Workload = await WorkloadApp.StartAsync();
            Server = await PrometheusServer.StartAsync(new PrometheusServerOptions { ScrapeTargets = [Workload.Target], RemoteReadUrls = [RemoteRead] });
            await Server.WaitForValueAsync("count(http_requests_total)", count => count == 4);
        }

        public async Task DisposeAsync()
        {
            HttpClient.Dispose();
            if (Server is not null)
            {
                await Server.DisposeAsync();
            }

            if (Workload is not null)
            {
                await Workload.DisposeAsync();
            }
        }
    }
}
