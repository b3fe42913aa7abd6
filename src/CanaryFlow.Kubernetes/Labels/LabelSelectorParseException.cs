namespace CanaryFlow.Kubernetes.Labels;

/// <summary>
/// A label selector (string or structured) that Kubernetes would reject. The message is the one apimachinery
/// produces, so it can be returned verbatim in a 400 Status.
/// </summary>
public sealed class LabelSelectorParseException : FormatException
{
    public LabelSelectorParseException(string message)
        : base(message)
    {
    }
}
