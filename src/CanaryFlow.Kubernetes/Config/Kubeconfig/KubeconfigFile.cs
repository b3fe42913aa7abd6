namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

/// <summary>One parsed kubeconfig file and its absolute path.</summary>
internal sealed class KubeconfigFile(string path, KubeconfigDocument document)
{
    public string Path { get; } = path;
    public KubeconfigDocument Document { get; } = document;
}
