namespace CanaryFlow.LocalCluster.Patching;

/// <summary>
/// The patch body does not have the shape its content type demands (e.g. a JSON patch that is not an array of objects);
/// the real server rejects it as undecodable with 400 before trying to apply it.
/// </summary>
public sealed class PatchFormatException : Exception
{
    public PatchFormatException()
    {
    }

    public PatchFormatException(string message)
        : base(message)
    {
    }

    public PatchFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
