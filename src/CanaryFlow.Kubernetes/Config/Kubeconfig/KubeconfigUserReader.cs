using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

/// <summary>
/// Turns a kubeconfig user into credential providers. A token (or token file) and basic auth exclude each other;
/// either may go with a client certificate; an exec plugin is used only when none of those is given, as in client-go.
/// </summary>
internal static class KubeconfigUserReader
{
    public static bool HasClientCertificate(KubeconfigUser user) =>
        !string.IsNullOrEmpty(user.ClientCertificateData) || !string.IsNullOrEmpty(user.ClientCertificate);

    public static UserCredentials Read(KubeconfigEntry<KubeconfigUser> entry, ClusterSettings cluster, TimeProvider clock)
    {
        var user = entry.Value;
        var location = entry.Location;
        if (user.AuthProvider is not null)
        {
            throw location.Fail(
                "auth-provider",
                $"auth provider \"{user.AuthProvider.Name}\" is not supported; use an exec credential plugin (user.exec) instead");
        }

        if (user.ImpersonateUser is not null || user.ImpersonateUid is not null || user.ImpersonateGroups is not null || user.ImpersonateUserExtra is not null)
        {
            throw location.Fail("as", "impersonation (as, as-uid, as-groups, as-user-extra) is not supported");
        }

        var hasToken = !string.IsNullOrEmpty(user.Token) || !string.IsNullOrEmpty(user.TokenFile);
        var hasBasic = !string.IsNullOrEmpty(user.Username) || !string.IsNullOrEmpty(user.Password);
        if (hasToken && hasBasic)
        {
            throw location.Fail("", $"more than one authentication method found for user \"{entry.Name}\" (token and username/password); only one is allowed");
        }

        var certificate = ReadClientCertificate(location, user);
        IAuthenticationProvider? authentication =
            !string.IsNullOrEmpty(user.TokenFile) ? new TokenFileAuthentication(location.ResolvePath(user.TokenFile), clock, user.Token)
            : !string.IsNullOrEmpty(user.Token) ? new StaticTokenAuthentication(user.Token)
            : hasBasic ? new BasicAuthentication(user.Username ?? "", user.Password)
            : null;

        if (user.Exec is not null && authentication is null && certificate is null)
        {
            var exec = new ExecCredentialAuthentication(KubeconfigExecReader.Read(location, entry.Name, user.Exec, cluster), clock);
            return new UserCredentials { Authentication = exec, ClientCertificate = exec };
        }

        return new UserCredentials
        {
            Authentication = authentication,
            ClientCertificate = certificate is null ? null : new StaticClientCertificate(certificate),
        };
    }

    private static X509Certificate2? ReadClientCertificate(KubeconfigEntryLocation location, KubeconfigUser user)
    {
        var certificate = KubeconfigPemReader.Read(location, "client-certificate-data", user.ClientCertificateData, "client-certificate", user.ClientCertificate);
        var key = KubeconfigPemReader.Read(location, "client-key-data", user.ClientKeyData, "client-key", user.ClientKey);
        if (certificate is null && key is null)
        {
            return null;
        }

        if (certificate is null || key is null)
        {
            throw location.Fail(
                certificate is null ? "client-certificate" : "client-key",
                "client-certificate(-data) and client-key(-data) must both be specified to use a client certificate");
        }

        try
        {
            using var parsed = X509Certificate2.CreateFromPem(certificate.Text);
        }
        catch (CryptographicException e)
        {
            throw location.Fail(certificate.Field, "does not contain a valid PEM certificate: " + e.Message, e);
        }

        try
        {
            return PemCertificateReader.ReadCertificateWithKey(certificate.Text, key.Text);
        }
        catch (CryptographicException e)
        {
            throw location.Fail(key.Field, "is not a PEM private key (RSA or EC, unencrypted) that matches the client certificate: " + e.Message, e);
        }
    }
}
