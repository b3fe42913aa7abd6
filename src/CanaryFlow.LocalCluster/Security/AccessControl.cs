using System.Security.Cryptography;
using System.Text;

namespace CanaryFlow.LocalCluster.Security;

/// <summary>A request LocalCluster refuses with 403, as RBAC would: by verb and resource, optionally one namespace.</summary>
public sealed record ForbiddenRule(string Verb, string Resource, string? Namespace = null);

/// <summary>
/// Bearer-token authentication (a missing or wrong token gets 401) and configurable 403s. The accepted token can
/// be rotated while the server runs, to test clients that re-read rotated service-account tokens.
/// </summary>
public sealed class AccessControl
{
    private readonly Lock _lock = new();
    private byte[] _token;
    private List<ForbiddenRule> _forbidden = [];

    public AccessControl(string token) => _token = Encoding.UTF8.GetBytes(token);

    public string Token
    {
        get
        {
            lock (_lock)
            {
                return Encoding.UTF8.GetString(_token);
            }
        }
    }

    public string UserName { get; init; } = "system:admin";

    /// <summary>When false every request is accepted as <see cref="UserName"/> (plain-HTTP servers).</summary>
    public bool Required { get; init; } = true;

    public void RotateToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (_lock)
        {
            _token = Encoding.UTF8.GetBytes(token);
        }
    }

    public bool IsAuthenticated(string? authorizationHeader)
    {
        if (!Required)
        {
            return true;
        }

        const string prefix = "Bearer ";
        if (authorizationHeader is null || !authorizationHeader.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(authorizationHeader[prefix.Length..].Trim());
        lock (_lock)
        {
            return CryptographicOperations.FixedTimeEquals(presented, _token);
        }
    }

    public void Forbid(params ForbiddenRule[] rules)
    {
        lock (_lock)
        {
            _forbidden = [.. rules];
        }
    }

    public bool IsForbidden(string verb, string resource, string? ns)
    {
        lock (_lock)
        {
            return _forbidden.Any(r => r.Verb == verb && r.Resource == resource && (r.Namespace is null || r.Namespace == ns));
        }
    }
}
