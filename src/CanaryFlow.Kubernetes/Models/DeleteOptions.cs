namespace CanaryFlow.Kubernetes.Models;

/// <summary>metav1.DeleteOptions, the optional body of a DELETE.</summary>
public sealed record DeleteOptions : KubernetesRecord
{
    // Defaults for options made in code; reading keeps what the JSON says, absent included.
    public string? ApiVersion { get; init; } = "v1";

    public string? Kind { get; init; } = "DeleteOptions";

    public long? GracePeriodSeconds { get; init; }

    /// <summary>Makes the delete conditional, so we never delete an object that was replaced behind our back.</summary>
    public Preconditions? Preconditions { get; init; }

    /// <summary>Orphan, Background or Foreground.</summary>
    public string? PropagationPolicy { get; init; }

    public IReadOnlyList<string>? DryRun { get; init; }
}

/// <summary>metav1.Preconditions: the delete fails with 409 unless the stored object still has these values.</summary>
public sealed record Preconditions : KubernetesRecord
{
    public string? Uid { get; init; }

    public string? ResourceVersion { get; init; }
}
