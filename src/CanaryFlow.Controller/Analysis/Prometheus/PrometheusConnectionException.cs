namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>The request did not get an HTTP answer: connection refused, DNS failure, TLS failure, connection reset.</summary>
public sealed class PrometheusConnectionException : PrometheusException
{
    internal PrometheusConnectionException(Uri address, HttpRequestError error, Exception innerException)
        : base(address, $"Cannot reach Prometheus at {address} ({error}): {innerException.Message}", innerException)
    {
        Error = error;
    }

    /// <summary>What failed, as the HTTP stack saw it (ConnectionError, NameResolutionError, SecureConnectionError…).</summary>
    public HttpRequestError Error { get; }
}
