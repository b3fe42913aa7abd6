namespace CanaryFlow.Cli.Convert;

/// <summary>An Argo object that cannot become a CanaryFlow object at all (blue-green, a workloadRef): nothing is written for it.</summary>
internal sealed class ConversionFailedException : Exception
{
    public ConversionFailedException(string field, string message)
        : base($"{field}: {message}")
    {
    }

    public ConversionFailedException(string message)
        : base(message)
    {
    }

    public ConversionFailedException()
    {
    }

    public ConversionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
