namespace CanaryFlow.Kubernetes.Fields;

/// <summary>A field selector Kubernetes would reject, with apimachinery's message.</summary>
public sealed class FieldSelectorParseException : FormatException
{
    public FieldSelectorParseException(string message)
        : base(message)
    {
    }
}
