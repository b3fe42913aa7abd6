namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

/// <summary>
/// PEM text taken from a kubeconfig field, and which field it came from. A class without ToString of its own: the
/// text may be a private key.
/// </summary>
internal sealed class KubeconfigPem(string text, string field)
{
    public string Text { get; } = text;
    public string Field { get; } = field;
}
