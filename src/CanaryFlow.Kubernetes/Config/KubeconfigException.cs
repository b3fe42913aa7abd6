namespace CanaryFlow.Kubernetes.Config;

/// <summary>
/// A client configuration (kubeconfig or in-cluster service account) that cannot be used. The message names the
/// file(s) and the problem, with the field path where there is one; it never contains a credential.
/// </summary>
public sealed class KubeconfigException : Exception
{
    public KubeconfigException(string message)
        : base(message)
    {
    }

    public KubeconfigException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public KubeconfigException()
    {
    }
}
