namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>Credentials sent in the Authorization header (never in the URL, a log line or a message).</summary>
public abstract record PrometheusAuthentication
{
    private protected PrometheusAuthentication()
    {
    }

    /// <summary>The Authorization header value, e.g. <c>Basic …</c> or <c>Bearer …</c>.</summary>
    internal abstract System.Net.Http.Headers.AuthenticationHeaderValue ToHeader();
}
