namespace CanaryFlow.LocalCluster.Protobuf.Messages;

/// <summary>Tables for ConfigMap and Secret in k8s.io/api/core/v1/generated.proto.</summary>
internal static class ConfigMessages
{
    public static MessageType ConfigMap { get; } = new("ConfigMap",
        Field.Message(1, "metadata", MetaMessages.ObjectMeta),
        Field.Bool(4, "immutable"),
        Field.StringMap(2, "data"),
        Field.BytesMap(3, "binaryData"));

    public static MessageType Secret { get; } = new("Secret",
        Field.Message(1, "metadata", MetaMessages.ObjectMeta),
        Field.Bool(5, "immutable"),
        Field.BytesMap(2, "data"),
        Field.StringMap(4, "stringData"),
        Field.String(3, "type").OmitZero());
}
