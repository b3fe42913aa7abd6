using System.Net.Http.Headers;

namespace CanaryFlow.Kubernetes.Config;

/// <summary>A bearer token fixed for the life of the connection (kubeconfig <c>token</c>).</summary>
public sealed class StaticTokenAuthentication : IAuthenticationProvider
{
    private readonly AuthenticationHeaderValue _header;

    public StaticTokenAuthentication(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _header = BearerHeader.For(token);
    }

    public ValueTask<AuthenticationHeaderValue?> GetAuthorizationAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<AuthenticationHeaderValue?>(_header);

    /// <summary>Nothing to refresh: the same token is the only one there is.</summary>
    public void OnUnauthorized(AuthenticationHeaderValue? used)
    {
    }

    public override string ToString() => nameof(StaticTokenAuthentication);
}
