namespace CanaryFlow.Kubernetes.Config.Exec;

/// <summary>What one plugin run printed. A class without a ToString of its own: stdout holds the credential.</summary>
internal sealed class ExecPluginOutput(int exitCode, string standardOutput, string standardError)
{
    public int ExitCode { get; } = exitCode;
    public string StandardOutput { get; } = standardOutput;
    public string StandardError { get; } = standardError;
}
