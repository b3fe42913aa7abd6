namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>
/// Where and how to query one Prometheus (or a compatible API such as Thanos or Mimir, under a path prefix).
/// Credentials go in <see cref="Authentication"/> or <see cref="Headers"/>, never in <see cref="Address"/>;
/// <see cref="ToString"/> shows header names only.
/// </summary>
public sealed record PrometheusClientOptions
{
    private static readonly TimeSpan _defaultRequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The API root, e.g. <c>http://prometheus.monitoring:9090</c> or <c>https://mimir/prometheus/</c>.</summary>
    public required Uri Address { get; init; }

    /// <summary>Extra request headers, e.g. <c>X-Scope-OrgID</c>. Their values are never logged.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public PrometheusAuthentication? Authentication { get; init; }

    /// <summary>The client-side deadline of one request (connect, send, wait, read). Keep it above the query timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = _defaultRequestTimeout;

    public PrometheusQueryMethod Method { get; init; } = PrometheusQueryMethod.Auto;

    /// <summary>With <see cref="PrometheusQueryMethod.Auto"/>, longer encoded parameters are POSTed (proxies cap URLs).</summary>
    public int MaxGetParametersLength { get; init; } = 2048;

    /// <summary>
    /// The largest body read (64 MiB): an analysis query answers a few series, so a bigger body is a mistake (a
    /// selector matching everything) that must not exhaust the controller's memory. Internal so tests can lower it.
    /// </summary>
    internal int MaxResponseBytes { get; init; } = 64 << 20;

    public override string ToString() =>
        $"Prometheus {Address} (headers: [{string.Join(", ", Headers.Keys)}], authentication: {Authentication?.ToString() ?? "none"}, request timeout: {RequestTimeout}, method: {Method})";
}
