namespace CanaryFlow.LocalCluster.Protobuf.Messages;

/// <summary>Tables for Deployment and its spec and status messages in k8s.io/api/apps/v1/generated.proto.</summary>
internal static class DeploymentMessages
{
    public static MessageType RollingUpdateDeployment { get; } = new("RollingUpdateDeployment",
        Field.IntOrString(1, "maxUnavailable"),
        Field.IntOrString(2, "maxSurge"));

    public static MessageType DeploymentStrategy { get; } = new("DeploymentStrategy",
        Field.String(1, "type").OmitZero(),
        Field.Message(2, "rollingUpdate", RollingUpdateDeployment));

    public static MessageType DeploymentSpec { get; } = new("DeploymentSpec",
        Field.Int32(1, "replicas"),
        Field.Message(2, "selector", MetaMessages.LabelSelector),
        Field.Message(3, "template", PodMessages.PodTemplateSpec),
        Field.Message(4, "strategy", DeploymentStrategy),
        Field.Int32(5, "minReadySeconds").OmitZero(),
        Field.Int32(6, "revisionHistoryLimit"),
        Field.Bool(7, "paused").OmitZero(),
        Field.Int32(9, "progressDeadlineSeconds"),
        Field.String(10, "podReplacementPolicy"));

    public static MessageType DeploymentCondition { get; } = new("DeploymentCondition",
        Field.String(1, "type"),
        Field.String(2, "status"),
        Field.Time(6, "lastUpdateTime"),
        Field.Time(7, "lastTransitionTime"),
        Field.String(4, "reason").OmitZero(),
        Field.String(5, "message").OmitZero());

    public static MessageType DeploymentStatus { get; } = new("DeploymentStatus",
        Field.Int64(1, "observedGeneration").OmitZero(),
        Field.Int32(2, "replicas").OmitZero(),
        Field.Int32(3, "updatedReplicas").OmitZero(),
        Field.Int32(7, "readyReplicas").OmitZero(),
        Field.Int32(4, "availableReplicas").OmitZero(),
        Field.Int32(5, "unavailableReplicas").OmitZero(),
        Field.Int32(9, "terminatingReplicas"),
        Field.Messages(6, "conditions", DeploymentCondition),
        Field.Int32(8, "collisionCount"));

    public static MessageType Deployment { get; } = new("Deployment",
        Field.Message(1, "metadata", MetaMessages.ObjectMeta),
        Field.Message(2, "spec", DeploymentSpec),
        Field.Message(3, "status", DeploymentStatus));
}
