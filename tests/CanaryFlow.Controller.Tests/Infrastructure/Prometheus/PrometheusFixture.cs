using System.Globalization;
using CanaryFlow.Controller.Analysis.Prometheus;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

/// <summary>
/// A real Prometheus scraping a <see cref="WorkloadApp"/> every second. Ready once Prometheus answers /-/ready and a
/// scrape of every workload series is queryable. Use it as an xUnit collection fixture (<see cref="PrometheusCollection"/>)
/// or on its own: <c>await using var prometheus = await PrometheusFixture.StartAsync();</c>. Tests change the
/// workload's traffic (<see cref="WorkloadApp.SetErrorRatio"/>), wait for PromQL to see it
/// (<see cref="WaitForValueAsync"/>), query through <see cref="CreateClient"/>, and may stop, start and restart
/// Prometheus (tests of a shared collection must leave it running: they run one after another).
/// </summary>
public sealed class PrometheusFixture : IAsyncLifetime, IAsyncDisposable
{
    private readonly HttpClient _httpClient = new();

    public WorkloadApp Workload { get; private set; } = null!;

    public PrometheusServer Prometheus { get; private set; } = null!;

    /// <summary>The Prometheus API root (http://127.0.0.1:&lt;port&gt;/), the same across restarts.</summary>
    public Uri Address => Prometheus.Address;

    public HttpClient HttpClient => _httpClient;

    /// <summary>Starts the workload and Prometheus and waits for the first scrape; dispose it to stop both.</summary>
    public static async Task<PrometheusFixture> StartAsync(CancellationToken cancellationToken = default)
    {
        var fixture = new PrometheusFixture();
        await fixture.StartCoreAsync(cancellationToken);
        return fixture;
    }

    public Task InitializeAsync() => StartCoreAsync(CancellationToken.None);

    /// <summary>A client of this Prometheus; <paramref name="configure"/> may change the default options.</summary>
    public PrometheusClient CreateClient(Func<PrometheusClientOptions, PrometheusClientOptions>? configure = null, ILogger? logger = null)
    {
        var options = new PrometheusClientOptions { Address = Address, RequestTimeout = TimeSpan.FromSeconds(20) };
        return new PrometheusClient(_httpClient, configure is null ? options : configure(options), logger);
    }

    /// <inheritdoc cref="PrometheusServer.WaitForValueAsync"/>
    public Task<double> WaitForValueAsync(string expression, Func<double, bool> predicate, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Prometheus.WaitForValueAsync(expression, predicate, timeout, cancellationToken);

    /// <inheritdoc cref="PrometheusServer.WaitForResultAsync"/>
    public Task<PrometheusQueryResult> WaitForResultAsync(string expression, Func<PrometheusQueryResult, bool> predicate, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Prometheus.WaitForResultAsync(expression, predicate, timeout, cancellationToken);

    /// <summary>Kills Prometheus mid-test (its port then refuses connections).</summary>
    public Task StopPrometheusAsync() => Prometheus.StopAsync();

    /// <summary>Starts Prometheus again on the same port and data, and waits until it is ready and scraping.</summary>
    public async Task StartPrometheusAsync(CancellationToken cancellationToken = default)
    {
        var since = DateTimeOffset.UtcNow;
        await Prometheus.StartAsync(cancellationToken);
        await WaitForScrapeAsync(since, cancellationToken);
    }

    /// <summary>Kills Prometheus and starts it again on the same port and data; returns once it is scraping.</summary>
    public async Task RestartPrometheusAsync(CancellationToken cancellationToken = default)
    {
        await Prometheus.StopAsync();
        await StartPrometheusAsync(cancellationToken);
    }

    public async Task DisposeAsync()
    {
        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        if (Workload is not null)
        {
            await Workload.DisposeAsync();
        }

        _httpClient.Dispose();
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            Workload = await WorkloadApp.StartAsync(cancellationToken);
            var since = DateTimeOffset.UtcNow;
            Prometheus = await PrometheusServer.StartAsync(new PrometheusServerOptions { ScrapeTargets = [Workload.Target] }, cancellationToken);
            await WaitForScrapeAsync(since, cancellationToken);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Until a scrape made after <paramref name="since"/> holds every series the workload exposes. Samples from before a
    /// restart are still in the TSDB (the WAL is replayed), so only their timestamps tell a new scrape from an old one.
    /// </summary>
    private Task WaitForScrapeAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var seconds = (since.ToUnixTimeMilliseconds() / 1000m).ToString(CultureInfo.InvariantCulture);
        return Prometheus.WaitForValueAsync(
            $"count(timestamp(http_requests_total{{job=\"workload\"}}) >= {seconds})",
            count => count == 2 * Workload.Counters.Versions.Count,
            cancellationToken: cancellationToken);
    }
}

[CollectionDefinition(Name)]
public sealed class PrometheusCollection : ICollectionFixture<PrometheusFixture>
{
    public const string Name = "Prometheus";
}
