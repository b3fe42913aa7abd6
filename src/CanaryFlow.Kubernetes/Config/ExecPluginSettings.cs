namespace CanaryFlow.Kubernetes.Config;

/// <summary>How to run an exec credential plugin (kubeconfig <c>user.exec</c>, with relative paths already resolved).</summary>
public sealed class ExecPluginSettings
{
    public const string ApiVersionV1 = "client.authentication.k8s.io/v1";
    public const string ApiVersionV1Beta1 = "client.authentication.k8s.io/v1beta1";

    /// <summary>The executable: a path, or a name looked up on PATH.</summary>
    public required string Command { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Added to (and overriding) the parent process's environment.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> EnvironmentVariables { get; init; } = [];

    /// <summary>The ExecCredential version sent to and required back from the plugin.</summary>
    public string ApiVersion { get; init; } = ApiVersionV1;

    /// <summary>Shown to the user when the plugin is missing or fails (kubeconfig <c>installHint</c>).</summary>
    public string? InstallHint { get; init; }

    /// <summary>Sent as <c>spec.cluster</c> in KUBERNETES_EXEC_INFO when set (kubeconfig <c>provideClusterInfo: true</c>).</summary>
    public ExecClusterInfo? Cluster { get; init; }

    /// <summary>How long one run may take before it is killed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Names the command only: arguments and environment values may hold secrets.</summary>
    public override string ToString() => "exec plugin " + Command;
}
