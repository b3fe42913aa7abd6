namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>
/// Any failure of a Prometheus query other than the caller's own cancellation: catch this to turn it into an errored
/// measurement. Messages name the server address and the problem, never credentials or headers.
/// </summary>
public abstract class PrometheusException : Exception
{
    private protected PrometheusException(Uri address, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Address = address;
    }

    /// <summary>The Prometheus address the query went to (it never carries credentials).</summary>
    public Uri Address { get; }
}
