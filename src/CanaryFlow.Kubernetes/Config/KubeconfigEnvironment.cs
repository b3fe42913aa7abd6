namespace CanaryFlow.Kubernetes.Config;

/// <summary>What kubeconfig discovery reads from the process: environment variables (KUBECONFIG) and the home directory.</summary>
public sealed record KubeconfigEnvironment(Func<string, string?> GetVariable, string HomeDirectory)
{
    /// <summary>This process's environment and the user's profile directory ($HOME on Unix).</summary>
    public static KubeconfigEnvironment Process { get; } =
        new(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
}
