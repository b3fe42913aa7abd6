using System.Net.Http.Headers;

namespace CanaryFlow.Kubernetes.Config;

/// <summary>
/// A bearer token read from a file that someone else rotates (projected service-account tokens, kubeconfig
/// <c>tokenFile</c>). Like client-go it re-reads the file once the last read is a minute old and right after a 401,
/// and keeps the last good token while the file cannot be read, because the kubelet replaces the file non-atomically
/// from the reader's point of view and a briefly missing file must not fail requests.
/// </summary>
public sealed class TokenFileAuthentication : IAuthenticationProvider
{
    /// <summary>client-go's period for cached file token sources.</summary>
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromMinutes(1);

    private readonly string _path;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _refreshInterval;
    private readonly AuthenticationHeaderValue? _fallback;
    private readonly Lock _gate = new();
    private AuthenticationHeaderValue? _lastGood;
    private DateTimeOffset _lastGoodReadAt;
    private bool _invalidated;

    /// <param name="path">The token file.</param>
    /// <param name="clock">Decides when a re-read is due; the system clock when null.</param>
    /// <param name="fallbackToken">
    /// Sent while the file has never been read successfully (kubeconfig <c>token</c> next to <c>tokenFile</c>); a good
    /// read always wins over it.
    /// </param>
    /// <param name="refreshInterval">How old a read may get before the file is read again; one minute when null.</param>
    public TokenFileAuthentication(string path, TimeProvider? clock = null, string? fallbackToken = null, TimeSpan? refreshInterval = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = path;
        _clock = clock ?? TimeProvider.System;
        _refreshInterval = refreshInterval ?? DefaultRefreshInterval;
        _fallback = string.IsNullOrWhiteSpace(fallbackToken) ? null : BearerHeader.For(fallbackToken.Trim());
    }

    public string Path => _path;

    public async ValueTask<AuthenticationHeaderValue?> GetAuthorizationAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_lastGood is not null && !_invalidated && _clock.GetUtcNow() - _lastGoodReadAt < _refreshInterval)
            {
                return _lastGood;
            }
        }

        // Concurrent callers may each read the file here; a read is cheap and they all store the same answer.
        var (token, problem) = await ReadTokenAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (token is not null)
            {
                if (!string.Equals(_lastGood?.Parameter, token, StringComparison.Ordinal))
                {
                    _lastGood = BearerHeader.For(token);
                }

                _lastGoodReadAt = _clock.GetUtcNow();
                _invalidated = false;
                return _lastGood;
            }

            // The read time is left alone so that the next request tries the file again, as client-go does.
            return _lastGood ?? _fallback ?? throw new CredentialException($"token file {_path}: {problem}");
        }
    }

    public void OnUnauthorized(AuthenticationHeaderValue? used)
    {
        lock (_gate)
        {
            if (_lastGood is not null && BearerHeader.IsSame(_lastGood, used))
            {
                _invalidated = true;
            }
        }
    }

    public override string ToString() => $"{nameof(TokenFileAuthentication)}({_path})";

    private async Task<(string? Token, string? Problem)> ReadTokenAsync(CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, "cannot be read: " + e.Message);
        }

        var token = text.Trim();
        return token.Length == 0 ? (null, "is empty") : (token, null);
    }
}
