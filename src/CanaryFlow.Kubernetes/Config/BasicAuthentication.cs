using System.Net.Http.Headers;
using System.Text;

namespace CanaryFlow.Kubernetes.Config;

/// <summary>HTTP basic credentials (kubeconfig <c>username</c>/<c>password</c>; legacy, but still accepted by some servers).</summary>
public sealed class BasicAuthentication : IAuthenticationProvider
{
    private readonly AuthenticationHeaderValue _header;

    public BasicAuthentication(string username, string? password)
    {
        ArgumentNullException.ThrowIfNull(username);
        _header = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password)));
    }

    public ValueTask<AuthenticationHeaderValue?> GetAuthorizationAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<AuthenticationHeaderValue?>(_header);

    /// <summary>Nothing to refresh: static credentials.</summary>
    public void OnUnauthorized(AuthenticationHeaderValue? used)
    {
    }

    public override string ToString() => nameof(BasicAuthentication);
}
