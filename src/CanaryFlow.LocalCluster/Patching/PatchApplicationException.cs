namespace CanaryFlow.LocalCluster.Patching;

/// <summary>
/// A well-formed patch could not be applied to the object: a missing path, a failed <c>test</c> operation, a malformed
/// operation or strategic-merge directive. The real server hides the detail behind a generic 422, so the message is for
/// logs and tests only.
/// </summary>
public sealed class PatchApplicationException : Exception
{
    public PatchApplicationException()
    {
    }

    public PatchApplicationException(string message)
        : base(message)
    {
    }

    public PatchApplicationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
