namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>
/// The client's own deadline (<see cref="PrometheusClientOptions.RequestTimeout"/> or HttpClient.Timeout) passed before
/// Prometheus answered. Distinct from the caller's cancellation, which surfaces as <see cref="OperationCanceledException"/>,
/// and from Prometheus' evaluation timeout, which is a <see cref="PrometheusQueryException"/> of type timeout.
/// </summary>
public sealed class PrometheusRequestTimeoutException : PrometheusException
{
    internal PrometheusRequestTimeoutException(Uri address, TimeSpan timeout, Exception innerException)
        : base(address, $"Prometheus at {address} did not answer within the client's request timeout of {timeout.TotalSeconds:0.###} s", innerException)
    {
        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }
}
