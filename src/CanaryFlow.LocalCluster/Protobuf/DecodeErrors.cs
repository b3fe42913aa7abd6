namespace CanaryFlow.LocalCluster.Protobuf;

/// <summary>The decoding failures that name a message and field, worded the same way wherever they are raised.</summary>
internal static class DecodeErrors
{
    /// <summary>Names a message for error messages: <c>ObjectMeta at metadata</c>, or just the message name at the top.</summary>
    public static string Describe(string messageName, string path) =>
        path.Length == 0 ? messageName : $"{messageName} at {path}";

    public static ProtobufDecodeException UnknownField(string messageName, int fieldNumber, string path) =>
        new($"LocalCluster cannot decode field {fieldNumber} of protobuf message {Describe(messageName, path)}: the field is unknown to its decoder; send JSON");

    public static ProtobufDecodeException Duplicate(string messageName, MessageField field, string path) =>
        new($"malformed protobuf in {Describe(messageName, path)}: field {field.Number} ({field.JsonName}) appears more than once");

    public static void ExpectWireType(WireType actual, WireType expected, string messageName, int fieldNumber, string path)
    {
        if (actual != expected)
        {
            throw new ProtobufDecodeException(
                $"malformed protobuf in {Describe(messageName, path)}: field {fieldNumber} has wire type {actual}, expected {expected}");
        }
    }
}
