using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;

namespace CanaryFlow.Kubernetes.Config.Exec;

/// <summary>The credentials of one successful plugin run and how long they may be used.</summary>
internal sealed class ExecCredentialResult(AuthenticationHeaderValue? authorization, X509Certificate2? certificate, DateTimeOffset? expiresAt)
{
    public AuthenticationHeaderValue? Authorization { get; } = authorization;
    public X509Certificate2? Certificate { get; } = certificate;

    /// <summary>Null: valid until the server rejects it.</summary>
    public DateTimeOffset? ExpiresAt { get; } = expiresAt;

    /// <summary>client-go treats the credential as expired only strictly after the timestamp.</summary>
    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expiry && now > expiry;
}
