using System.Net.Http.Headers;
using System.Text;

namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>HTTP basic authentication (Prometheus' own <c>--web.config.file</c> <c>basic_auth_users</c>, or a proxy).</summary>
public sealed record PrometheusBasicAuthentication(string Username, string Password) : PrometheusAuthentication
{
    internal override AuthenticationHeaderValue ToHeader() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Username + ":" + Password)));

    public override string ToString() => $"Basic {Username}:<redacted>";
}
