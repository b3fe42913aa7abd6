using System.Net.Http.Headers;

namespace CanaryFlow.Kubernetes.Config;

/// <summary>Supplies the Authorization header of each request and learns when the server rejected it.</summary>
public interface IAuthenticationProvider
{
    /// <summary>The Authorization header value to send now (e.g. "Bearer …"), or null to send none.</summary>
    ValueTask<AuthenticationHeaderValue?> GetAuthorizationAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A request sent with <paramref name="used"/> got 401: drop cached credentials if they are still the ones used,
    /// so that the next call re-reads the file or re-runs the plugin. The failed request is not retried here.
    /// </summary>
    void OnUnauthorized(AuthenticationHeaderValue? used);
}
