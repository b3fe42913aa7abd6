using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Config.Exec;

/// <summary>
/// Checks a plugin's output with client-go's rules and turns it into credentials. Messages never quote the output:
/// it is the credential.
/// </summary>
internal static class ExecCredentialReader
{
    public static ExecCredentialResult Read(ExecPluginSettings settings, string standardOutput)
    {
        ExecCredential? credential;
        try
        {
            credential = JsonSerializer.Deserialize(standardOutput, ExecCredentialJsonContext.Default.ExecCredential);
        }
        catch (JsonException e)
        {
            // The inner exception is left off on purpose: its message can quote a fragment of the output.
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            throw Fail(settings, $"decoding stdout: not a valid ExecCredential JSON object{where}");
        }

        if (credential is null)
        {
            throw Fail(settings, "decoding stdout: the plugin printed null");
        }

        if (credential.Kind != ExecInfoWriter.Kind)
        {
            throw Fail(settings, $"decoding stdout: kind is \"{credential.Kind}\", expected \"{ExecInfoWriter.Kind}\"");
        }

        if (credential.ApiVersion != settings.ApiVersion)
        {
            throw Fail(settings, $"exec plugin is configured to use API version {settings.ApiVersion}, plugin returned version {credential.ApiVersion}");
        }

        var status = credential.Status ?? throw Fail(settings, "exec plugin didn't return a status field");
        var hasToken = !string.IsNullOrEmpty(status.Token);
        var hasCertificate = !string.IsNullOrEmpty(status.ClientCertificateData);
        var hasKey = !string.IsNullOrEmpty(status.ClientKeyData);
        if (!hasToken && !hasCertificate && !hasKey)
        {
            throw Fail(settings, "exec plugin didn't return a token or cert/key pair");
        }

        if (hasCertificate != hasKey)
        {
            throw Fail(settings, "exec plugin returned only certificate or key, not both");
        }

        DateTimeOffset? expiresAt = null;
        if (status.ExpirationTimestamp is not null)
        {
            if (!KubernetesTime.TryParse(status.ExpirationTimestamp, out var parsed))
            {
                throw Fail(settings, $"status.expirationTimestamp \"{status.ExpirationTimestamp}\" is not an RFC 3339 time");
            }

            expiresAt = parsed;
        }

        var certificate = hasCertificate ? ReadCertificate(settings, status.ClientCertificateData!, status.ClientKeyData!) : null;
        var authorization = hasToken ? BearerHeader.For(status.Token!) : null;
        return new ExecCredentialResult(authorization, certificate, expiresAt);
    }

    private static X509Certificate2 ReadCertificate(ExecPluginSettings settings, string certificatePem, string keyPem)
    {
        try
        {
            return PemCertificateReader.ReadCertificateWithKey(certificatePem, keyPem);
        }
        catch (CryptographicException e)
        {
            throw new CredentialException($"{settings}: failed parsing client key/certificate: {e.Message}", e);
        }
    }

    private static CredentialException Fail(ExecPluginSettings settings, string problem) => new($"{settings}: {problem}");
}
