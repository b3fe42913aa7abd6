using System.Text.RegularExpressions;
using CanaryFlow.Controller.Analysis;
using CanaryFlow.Kubernetes.Client;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// The failures Git work expects (the server, the credentials, the manifests, the API): reported on the Rollout and
/// retried. Their messages name repositories, branches, Secrets and keys, never a credential.
/// </summary>
internal static partial class GitFailure
{
    public static bool IsExpected(Exception e) => e is GitCommandException or GitRevertException or GitCredentialsException or ManifestRenderException or SecretUnavailableException
        or KubernetesApiException or HttpRequestException or IOException or TimeoutException;

    /// <summary>The reason for the GitRevertFailed condition.</summary>
    public static string ReasonOf(Exception e) => e switch
    {
        GitCommandException { TimedOut: true } => "GitTimeout",
        GitCommandException command when command.Stderr.Contains(GitCommandException.HostKeyVerificationFailed, StringComparison.Ordinal) => "GitHostKeyVerificationFailed",
        GitCommandException command when LooksLikeAuthentication(command.Stderr) => "GitAuthenticationFailed",
        GitCommandException => "GitCommandFailed",
        SecretUnavailableException or GitCredentialsException => "GitCredentialsUnavailable",
        ManifestRenderException => "ManifestRenderFailed",
        KubernetesApiException => "KubernetesApiError",
        _ => "GitRevertFailed",
    };

    /// <summary>
    /// The message for a condition, an Event or a log line. User-info in any URL it quotes is dropped: git and the HTTP
    /// stack echo the URL they were given, and a person may have written a token into spec.git.repoURL.
    /// </summary>
    public static string Describe(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return UrlUserInfo().Replace(e.Message, "://");
    }

    [GeneratedRegex(@"://[^/@\s'""]+@", RegexOptions.CultureInvariant)]
    private static partial Regex UrlUserInfo();

    private static bool LooksLikeAuthentication(string stderr) =>
        stderr.Contains("Authentication failed", StringComparison.OrdinalIgnoreCase)
        || stderr.Contains("could not read Username", StringComparison.OrdinalIgnoreCase)
        || stderr.Contains("Permission denied", StringComparison.OrdinalIgnoreCase)
        || stderr.Contains("401", StringComparison.Ordinal)
        || stderr.Contains("403", StringComparison.Ordinal);
}
