namespace CanaryFlow.Controller.Git;

/// <summary>
/// The Secret named by <c>spec.git.secretRef</c> does not give usable credentials. The message names the Secret and
/// the keys it looked for, never a value; it becomes the GitRevertFailed condition's message.
/// </summary>
internal sealed class GitCredentialsException : Exception
{
    public GitCredentialsException(string message)
        : base(message)
    {
    }

    public GitCredentialsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
