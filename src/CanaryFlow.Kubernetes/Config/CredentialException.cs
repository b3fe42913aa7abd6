namespace CanaryFlow.Kubernetes.Config;

/// <summary>
/// Credentials could not be obtained when a request needed them: an exec plugin failed or printed something
/// unusable, or a token file could not be read and there was no earlier token to fall back on. The message never
/// contains a credential (it does carry a failing plugin's stderr, truncated, since that is how plugins explain themselves).
/// </summary>
public sealed class CredentialException : Exception
{
    public CredentialException(string message)
        : base(message)
    {
    }

    public CredentialException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public CredentialException()
    {
    }
}
