namespace CanaryFlow.LocalCluster.Protobuf;

/// <summary>A request body that LocalCluster cannot turn into JSON: not Kubernetes protobuf, malformed, or using a kind or field the decoder does not know.</summary>
public sealed class ProtobufDecodeException : Exception
{
    public ProtobufDecodeException()
    {
    }

    public ProtobufDecodeException(string message)
        : base(message)
    {
    }

    public ProtobufDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
