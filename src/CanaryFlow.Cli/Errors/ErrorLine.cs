using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Cli.Errors;

/// <summary>
/// Turns what went wrong into the one line a person reads, in kubectl's words where kubectl has some
/// (<c>Error from server (NotFound): ...</c>), and never a stack trace.
/// </summary>
internal static class ErrorLine
{
    public static string For(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            ResourceNotServedException e => $"error: {e.Message}",
            KubernetesApiException { IsForbidden: true } e => $"Error from server (Forbidden): {ServerMessage(e)} (no permission: ask for RBAC access to it)",
            KubernetesApiException { IsUnauthorized: true } e => $"error: you must be logged in to the server (Unauthorized): {ServerMessage(e)}",
            KubernetesApiException e when e.Status?.Reason is { Length: > 0 } reason => $"Error from server ({reason}): {ServerMessage(e)}",
            KubernetesApiException e => $"error: {e.Message}",
            HttpRequestException e when Cause<AuthenticationException>(e) is not null =>
                $"error: the cluster is unreachable: {Tidy(e.Message)} (the server's certificate is not signed by the kubeconfig's certificate authority, or does not name the server)",
            HttpRequestException e => $"error: the cluster is unreachable: {Innermost(e)}",
            TimeoutException e => $"error: the cluster did not answer in time: {e.Message}",
            KubeconfigException e => $"error: {e.Message}",
            CredentialException e => $"error: {e.Message}",
            YamlJsonException e => $"error: {e.Message}",
            JsonException e => $"error: {e.Message}",
            UsageException e => $"error: {e.Message}",
            AuthenticationException e => $"error: TLS handshake with the cluster failed: {e.Message}",
            SocketException e => $"error: the cluster is unreachable: {e.Message}",
            IOException e => $"error: {e.Message}",
            UnauthorizedAccessException e => $"error: {e.Message}",
            _ => $"error: {exception.GetType().Name}: {exception.Message}",
        };
    }

    /// <summary>The API server's own sentence (kubectl shows it as is), without the client's "verb resource:" prefix.</summary>
    private static string ServerMessage(KubernetesApiException e) => e.Status?.Message is { Length: > 0 } message ? message : e.Message;

    /// <summary>The client names the server and kubeconfig; the innermost error says why the connection failed.</summary>
    private static string Innermost(HttpRequestException e)
    {
        var cause = e.InnerException;
        while (cause?.InnerException is not null)
        {
            cause = cause.InnerException;
        }

        var message = Tidy(e.Message);
        return cause is null || message.Contains(cause.Message, StringComparison.Ordinal) ? message : $"{message} ({cause.Message})";
    }

    private static T? Cause<T>(Exception e)
        where T : Exception
    {
        for (var cause = e.InnerException; cause is not null; cause = cause.InnerException)
        {
            if (cause is T match)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>.NET's "see inner exception" points at nothing a person can see: the cause is given in its place.</summary>
    private static string Tidy(string message) => message.Replace(", see inner exception.", "", StringComparison.Ordinal);
}
