using CanaryFlow.Kubernetes.Config;

namespace CanaryFlow.Kubernetes.Tests.Config;

/// <summary>Environment lookups from a dictionary, so tests never depend on the machine's KUBECONFIG or HOME.</summary>
public static class FakeEnvironment
{
    public static KubeconfigEnvironment Kubeconfig(string homeDirectory, params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return new KubeconfigEnvironment(name => map.GetValueOrDefault(name), homeDirectory);
    }

    public static InClusterEnvironment InCluster(string serviceAccountDirectory, params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return new InClusterEnvironment(name => map.GetValueOrDefault(name), serviceAccountDirectory);
    }
}
