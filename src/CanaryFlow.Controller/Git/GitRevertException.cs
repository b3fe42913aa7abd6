namespace CanaryFlow.Controller.Git;

/// <summary>A revert that cannot be completed (missing branch or stable revision, pushes rejected every time); becomes GitRevertFailed.</summary>
internal sealed class GitRevertException : Exception
{
    public GitRevertException(string message)
        : base(message)
    {
    }

    public GitRevertException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
