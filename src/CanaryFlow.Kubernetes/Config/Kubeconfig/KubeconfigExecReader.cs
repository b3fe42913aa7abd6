namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

/// <summary>Validates a kubeconfig <c>user.exec</c> (client-go's rules) and resolves its command path.</summary>
internal static class KubeconfigExecReader
{
    public static ExecPluginSettings Read(KubeconfigEntryLocation location, string userName, KubeconfigExec exec, ClusterSettings cluster)
    {
        if (string.IsNullOrWhiteSpace(exec.Command))
        {
            throw location.Fail("exec.command", "required");
        }

        if (exec.ApiVersion is not (ExecPluginSettings.ApiVersionV1 or ExecPluginSettings.ApiVersionV1Beta1))
        {
            throw location.Fail(
                "exec.apiVersion",
                string.IsNullOrEmpty(exec.ApiVersion)
                    ? "required"
                    : $"\"{exec.ApiVersion}\" is not supported; use {ExecPluginSettings.ApiVersionV1} or {ExecPluginSettings.ApiVersionV1Beta1}");
        }

        CheckInteractiveMode(location, userName, exec);
        var environment = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < (exec.Env?.Count ?? 0); i++)
        {
            var variable = exec.Env![i];
            if (string.IsNullOrEmpty(variable?.Name))
            {
                throw location.Fail($"exec.env[{i}].name", "required");
            }

            environment.Add(new(variable.Name, variable.Value ?? ""));
        }

        return new ExecPluginSettings
        {
            Command = ResolveCommand(location, exec.Command),
            Arguments = [.. (exec.Args ?? []).Select(a => a ?? "")],
            EnvironmentVariables = environment,
            ApiVersion = exec.ApiVersion,
            InstallHint = exec.InstallHint,
            Cluster = exec.ProvideClusterInfo == true
                ? new ExecClusterInfo
                {
                    Server = cluster.ServerText,
                    TlsServerName = cluster.TlsServerName,
                    InsecureSkipTlsVerify = cluster.InsecureSkipTlsVerify,
                    CertificateAuthorityPem = cluster.CertificateAuthorityPem,
                    ProxyUrl = cluster.Proxy?.OriginalString,
                    DisableCompression = cluster.DisableCompression,
                    Config = cluster.ExecExtension,
                }
                : null,
        };
    }

    /// <summary>
    /// v1 must say whether the plugin may use stdin; CanaryFlow never has a terminal, so only a plugin that can do
    /// without one (Never, IfAvailable) can work.
    /// </summary>
    private static void CheckInteractiveMode(KubeconfigEntryLocation location, string userName, KubeconfigExec exec)
    {
        switch (exec.InteractiveMode)
        {
            case null or "" when exec.ApiVersion == ExecPluginSettings.ApiVersionV1:
                throw location.Fail("exec.interactiveMode", $"interactiveMode must be specified for user \"{userName}\" to use exec authentication plugin");
            case null or "" or "Never" or "IfAvailable":
                return;
            case "Always":
                throw location.Fail("exec.interactiveMode", "Always needs an interactive terminal, and CanaryFlow runs plugins without one");
            default:
                throw location.Fail("exec.interactiveMode", $"invalid value \"{exec.InteractiveMode}\"; use Never, IfAvailable or Always");
        }
    }

    /// <summary>A command with a path separator is a path relative to the kubeconfig; a bare name is looked up on PATH.</summary>
    private static string ResolveCommand(KubeconfigEntryLocation location, string command) =>
        command.Contains('/', StringComparison.Ordinal) || command.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? location.ResolvePath(command)
            : command;
}
