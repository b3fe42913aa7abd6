using CanaryFlow.Controller.Health;
using CanaryFlow.Controller.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CanaryFlow.Controller.Hosting;

/// <summary>The controller's HTTP surface for Prometheus and the kubelet's probes.</summary>
public static class ControllerEndpoints
{
    public const string MetricsPath = "/metrics";
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    private const string _plainText = "text/plain; charset=utf-8";

    /// <summary>Maps GET <c>/metrics</c> (Prometheus text format 0.0.4), <c>/healthz</c> and <c>/readyz</c> (200 or 503, with a reason).</summary>
    public static IEndpointRouteBuilder MapControllerEndpoints(
        this IEndpointRouteBuilder endpoints, MetricRegistry metrics, LivenessState liveness, ReadinessState readiness)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(liveness);
        ArgumentNullException.ThrowIfNull(readiness);

        endpoints.MapGet(MetricsPath, context => WriteMetricsAsync(context, metrics));
        endpoints.MapGet(LivenessPath, context => WriteHealthAsync(context, liveness.Check()));
        endpoints.MapGet(ReadinessPath, context => WriteHealthAsync(context, readiness.Check()));
        return endpoints;
    }

    private static Task WriteMetricsAsync(HttpContext context, MetricRegistry metrics)
    {
        // Rendered to a string first: Kestrel forbids the synchronous writes a TextWriter on the body would make.
        var text = metrics.Render();
        context.Response.ContentType = ExpositionFormat.ContentType;
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    private static Task WriteHealthAsync(HttpContext context, HealthStatus status)
    {
        context.Response.StatusCode = status.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = _plainText;
        return context.Response.WriteAsync(status.Detail + "\n", context.RequestAborted);
    }
}
