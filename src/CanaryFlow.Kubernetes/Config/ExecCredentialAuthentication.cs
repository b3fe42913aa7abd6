using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using CanaryFlow.Kubernetes.Config.Exec;

namespace CanaryFlow.Kubernetes.Config;

/// <summary>
/// Credentials from an exec plugin (client.authentication.k8s.io v1 or v1beta1): a bearer token, a client
/// certificate, or both. One run's output is cached until its <c>expirationTimestamp</c> (without one, until a 401),
/// and only one run happens at a time however many requests wait for it.
/// </summary>
public sealed class ExecCredentialAuthentication : IAuthenticationProvider, IClientCertificateSource, IDisposable
{
    private readonly ExecPluginSettings _settings;
    private readonly TimeProvider _clock;
    private readonly string _execInfo;
    private readonly SemaphoreSlim _runGate = new(1, 1);
    private readonly Lock _cacheGate = new();
    private ExecCredentialResult? _cached;

    public ExecCredentialAuthentication(ExecPluginSettings settings, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrEmpty(settings.Command);
        if (settings.ApiVersion is not (ExecPluginSettings.ApiVersionV1 or ExecPluginSettings.ApiVersionV1Beta1))
        {
            throw new ArgumentException(
                $"exec plugin apiVersion \"{settings.ApiVersion}\" is not supported; use {ExecPluginSettings.ApiVersionV1} or {ExecPluginSettings.ApiVersionV1Beta1}",
                nameof(settings));
        }

        _settings = settings;
        _clock = clock ?? TimeProvider.System;
        _execInfo = ExecInfoWriter.Write(settings);
    }

    public ExecPluginSettings Settings => _settings;

    public async ValueTask<AuthenticationHeaderValue?> GetAuthorizationAsync(CancellationToken cancellationToken) =>
        (await GetCredentialAsync(cancellationToken).ConfigureAwait(false)).Authorization;

    public async ValueTask<X509Certificate2?> GetCertificateAsync(CancellationToken cancellationToken) =>
        (await GetCredentialAsync(cancellationToken).ConfigureAwait(false)).Certificate;

    public void OnUnauthorized(AuthenticationHeaderValue? used)
    {
        lock (_cacheGate)
        {
            // A 401 for credentials already replaced by a newer run says nothing about the new ones.
            if (_cached is not null && BearerHeader.IsSame(_cached.Authorization, used))
            {
                _cached = null;
            }
        }
    }

    /// <summary>
    /// The certificates a plugin returned are not disposed here: a transport may still be presenting them.
    /// </summary>
    public void Dispose() => _runGate.Dispose();

    public override string ToString() => $"{nameof(ExecCredentialAuthentication)}({_settings.Command})";

    private async ValueTask<ExecCredentialResult> GetCredentialAsync(CancellationToken cancellationToken)
    {
        if (TryGetFresh() is { } fresh)
        {
            return fresh;
        }

        await _runGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Whoever held the gate before us may just have fetched what we need.
            if (TryGetFresh() is { } fetched)
            {
                return fetched;
            }

            var output = await ExecPluginProcess.RunAsync(_settings, _execInfo, _clock, cancellationToken).ConfigureAwait(false);
            if (output.ExitCode != 0)
            {
                var stderr = ExecPluginMessages.Truncate(output.StandardError);
                var message = $"{_settings}: exited with code {output.ExitCode}" + (stderr.Length == 0 ? "" : ": " + stderr);
                throw new CredentialException(ExecPluginMessages.WithInstallHint(_settings, message));
            }

            var result = ExecCredentialReader.Read(_settings, output.StandardOutput);
            lock (_cacheGate)
            {
                _cached = result;
            }

            return result;
        }
        finally
        {
            _runGate.Release();
        }
    }

    private ExecCredentialResult? TryGetFresh()
    {
        lock (_cacheGate)
        {
            return _cached is not null && !_cached.IsExpired(_clock.GetUtcNow()) ? _cached : null;
        }
    }
}
