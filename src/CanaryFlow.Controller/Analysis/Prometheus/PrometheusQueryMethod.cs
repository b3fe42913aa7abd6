namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>How the client sends a query.</summary>
public enum PrometheusQueryMethod
{
    /// <summary>GET, or a form-encoded POST once the parameters are longer than <see cref="PrometheusClientOptions.MaxGetParametersLength"/>.</summary>
    Auto,

    /// <summary>Always GET (for read-only proxies that only let GET through).</summary>
    Get,

    /// <summary>Always a form-encoded POST.</summary>
    Post,
}
