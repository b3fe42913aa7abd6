namespace CanaryFlow.Kubernetes.JsonPath;

/// <summary>A JSONPath expression that cannot be parsed; <see cref="Position"/> is the 0-based offset of the problem.</summary>
public sealed class JsonPathParseException : FormatException
{
    public JsonPathParseException(string expression, int position, string reason)
        : base($"{reason} at position {position} in JSONPath '{expression}'")
    {
        Expression = expression;
        Position = position;
        Reason = reason;
    }

    public string Expression { get; }

    public int Position { get; }

    public string Reason { get; }
}
