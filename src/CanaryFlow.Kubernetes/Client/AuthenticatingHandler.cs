using System.Net;
using CanaryFlow.Kubernetes.Config;

namespace CanaryFlow.Kubernetes.Client;

/// <summary>
/// Puts the current credentials on every attempt and tells the provider about a 401, so that a rotated
/// service-account token or an expired exec credential is fetched again for the next request.
/// </summary>
internal sealed class AuthenticatingHandler(IAuthenticationProvider provider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var authorization = await provider.GetAuthorizationAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = authorization;
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            provider.OnUnauthorized(authorization);
        }

        return response;
    }
}
