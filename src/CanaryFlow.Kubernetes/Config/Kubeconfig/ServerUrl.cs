namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

/// <summary>Parses a cluster's <c>server</c> like client-go's DefaultServerURL: a URL, or host:port with a scheme chosen from the TLS settings.</summary>
internal static class ServerUrl
{
    /// <returns>The URL, or null with <paramref name="problem"/> set.</returns>
    public static Uri? Parse(string server, bool defaultTls, out string? problem)
    {
        problem = null;
        var hasScheme = server.Contains("://", StringComparison.Ordinal);
        var text = hasScheme ? server : (defaultTls ? "https://" : "http://") + server;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            problem = "malformed server URL" + Quote(server) + ": expected https://host[:port][/path] or host:port";
            return null;
        }

        if (uri.Scheme is not ("https" or "http"))
        {
            problem = $"malformed server URL{Quote(server)}: the scheme must be https or http, not {uri.Scheme}";
            return null;
        }

        // A path is a prefix for proxies in front of the API server, but host:port without a scheme must be only that.
        if (!hasScheme && uri.AbsolutePath != "/")
        {
            problem = $"malformed server URL{Quote(server)}: must be a URL or a host:port pair";
            return null;
        }

        if (uri.UserInfo.Length > 0)
        {
            problem = "malformed server URL: it must not contain credentials (user:password@)";
            return null;
        }

        return uri;
    }

    // A URL with user info may carry a password, so it is never repeated in a message.
    private static string Quote(string server) => server.Contains('@', StringComparison.Ordinal) ? "" : $" \"{server}\"";
}
