namespace CanaryFlow.LocalCluster.Simulation;

/// <summary>
/// Pod-template annotations that steer the simulated kubelet (documented in docs/local-cluster.md), so a test or
/// the demo can make a canary that never becomes ready, or becomes ready slowly.
/// </summary>
public static class WorkloadAnnotations
{
    /// <summary><c>"true"</c>: the containers start but never pass readiness.</summary>
    public const string NeverReady = "localcluster.canaryflow.io/never-ready";

    /// <summary>A duration (<c>500ms</c>, <c>3s</c>, <c>1m</c>) after which the pod becomes Ready, instead of the server default.</summary>
    public const string ReadyAfter = "localcluster.canaryflow.io/ready-after";

    public static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        (string Suffix, double Scale)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, scale) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) &&
                double.TryParse(text[..^suffix.Length], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) &&
                value >= 0)
            {
                return TimeSpan.FromSeconds(value * scale);
            }
        }

        return null;
    }
}
