namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>
/// Names no other test uses: the protocol tests share one server, so every test works in its own namespace
/// (and cluster-scoped objects carry a unique suffix).
/// </summary>
public static class UniqueNames
{
    public static string For(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
