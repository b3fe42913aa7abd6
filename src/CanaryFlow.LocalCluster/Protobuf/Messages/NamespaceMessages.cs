namespace CanaryFlow.LocalCluster.Protobuf.Messages;

/// <summary>Tables for the Namespace messages of k8s.io/api/core/v1/generated.proto.</summary>
internal static class NamespaceMessages
{
    public static MessageType NamespaceSpec { get; } = new("NamespaceSpec",
        Field.Strings(1, "finalizers"));

    public static MessageType NamespaceCondition { get; } = new("NamespaceCondition",
        Field.String(1, "type"),
        Field.String(2, "status"),
        Field.Time(4, "lastTransitionTime"),
        Field.String(5, "reason").OmitZero(),
        Field.String(6, "message").OmitZero());

    public static MessageType NamespaceStatus { get; } = new("NamespaceStatus",
        Field.String(1, "phase").OmitZero(),
        Field.Messages(2, "conditions", NamespaceCondition));

    public static MessageType Namespace { get; } = new("Namespace",
        Field.Message(1, "metadata", MetaMessages.ObjectMeta),
        Field.Message(2, "spec", NamespaceSpec),
        Field.Message(3, "status", NamespaceStatus));
}
