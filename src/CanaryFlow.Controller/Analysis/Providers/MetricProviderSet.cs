using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Analysis.Providers;

/// <summary>
/// The providers this controller measures with, and the one HTTP connection pool they share. Connections are
/// recycled every few minutes so a Prometheus behind a Service that moved is found again through DNS.
/// </summary>
public sealed class MetricProviderSet : IDisposable
{
    private readonly HttpClient _http;

    public MetricProviderSet(ISecretReader secrets, ILoggerFactory loggerFactory, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);

        // Each provider applies the metric's own timeout; the client's would cut every query at 100 s instead.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), ConnectTimeout = TimeSpan.FromSeconds(10) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Providers = [new PrometheusMetricProvider(_http, secrets, loggerFactory.CreateLogger<PrometheusMetricProvider>(), clock), new WebMetricProvider(_http)];
    }

    public IReadOnlyList<IMetricProvider> Providers { get; }

    public void Dispose() => _http.Dispose();
}
