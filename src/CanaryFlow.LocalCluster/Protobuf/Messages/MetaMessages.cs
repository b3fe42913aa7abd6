namespace CanaryFlow.LocalCluster.Protobuf.Messages;

/// <summary>Tables for k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto. managedFields (ObjectMeta 17) is left out: clients do not send it on create.</summary>
internal static class MetaMessages
{
    public static MessageType OwnerReference { get; } = new("OwnerReference",
        Field.String(5, "apiVersion"),
        Field.String(1, "kind"),
        Field.String(3, "name"),
        Field.String(4, "uid"),
        Field.Bool(6, "controller"),
        Field.Bool(7, "blockOwnerDeletion"));

    public static MessageType ObjectMeta { get; } = new("ObjectMeta",
        Field.String(1, "name").OmitZero(),
        Field.String(2, "generateName").OmitZero(),
        Field.String(3, "namespace").OmitZero(),
        Field.String(4, "selfLink").OmitZero(),
        Field.String(5, "uid").OmitZero(),
        Field.String(6, "resourceVersion").OmitZero(),
        Field.Int64(7, "generation").OmitZero(),
        Field.Time(8, "creationTimestamp"),
        Field.Time(9, "deletionTimestamp"),
        Field.Int64(10, "deletionGracePeriodSeconds"),
        Field.StringMap(11, "labels"),
        Field.StringMap(12, "annotations"),
        Field.Messages(13, "ownerReferences", OwnerReference),
        Field.Strings(14, "finalizers"));

    public static MessageType LabelSelectorRequirement { get; } = new("LabelSelectorRequirement",
        Field.String(1, "key"),
        Field.String(2, "operator"),
        Field.Strings(3, "values"));

    public static MessageType LabelSelector { get; } = new("LabelSelector",
        Field.StringMap(1, "matchLabels"),
        Field.Messages(2, "matchExpressions", LabelSelectorRequirement));

    public static MessageType Condition { get; } = new("Condition",
        Field.String(1, "type"),
        Field.String(2, "status"),
        Field.Int64(3, "observedGeneration").OmitZero(),
        Field.Time(4, "lastTransitionTime"),
        Field.String(5, "reason"),
        Field.String(6, "message"));
}
