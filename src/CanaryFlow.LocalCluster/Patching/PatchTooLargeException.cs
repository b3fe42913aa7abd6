namespace CanaryFlow.LocalCluster.Patching;

/// <summary>
/// A JSON patch with more operations than the real server accepts (<see cref="JsonPatch.MaxOperations"/>); it answers 413.
/// </summary>
public sealed class PatchTooLargeException : Exception
{
    public PatchTooLargeException()
    {
    }

    public PatchTooLargeException(string message)
        : base(message)
    {
    }

    public PatchTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
