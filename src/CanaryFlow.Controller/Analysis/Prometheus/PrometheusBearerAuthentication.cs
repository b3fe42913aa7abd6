using System.Net.Http.Headers;

namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>A bearer token (an OAuth proxy, a managed Prometheus, a service-account token).</summary>
public sealed record PrometheusBearerAuthentication(string Token) : PrometheusAuthentication
{
    internal override AuthenticationHeaderValue ToHeader() => new("Bearer", Token);

    public override string ToString() => "Bearer <redacted>";
}
