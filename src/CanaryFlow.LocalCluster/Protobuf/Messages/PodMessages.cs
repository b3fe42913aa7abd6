namespace CanaryFlow.LocalCluster.Protobuf.Messages;

/// <summary>
/// Tables for PodTemplateSpec and PodSpec in k8s.io/api/core/v1/generated.proto. Left out for now: volumes, ephemeral
/// containers, affinity, hostAliases, dnsConfig, readinessGates, topologySpreadConstraints, schedulingGates, resourceClaims.
/// </summary>
internal static class PodMessages
{
    public static MessageType Sysctl { get; } = new("Sysctl",
        Field.String(1, "name"),
        Field.String(2, "value"));

    public static MessageType SeccompProfile { get; } = new("SeccompProfile",
        Field.String(1, "type"),
        Field.String(2, "localhostProfile"));

    public static MessageType PodSecurityContext { get; } = new("PodSecurityContext",
        Field.Int64(2, "runAsUser"),
        Field.Int64(6, "runAsGroup"),
        Field.Bool(3, "runAsNonRoot"),
        Field.Int64s(4, "supplementalGroups"),
        Field.String(12, "supplementalGroupsPolicy"),
        Field.Int64(5, "fsGroup"),
        Field.Messages(7, "sysctls", Sysctl),
        Field.String(9, "fsGroupChangePolicy"),
        Field.Message(10, "seccompProfile", SeccompProfile),
        Field.String(13, "seLinuxChangePolicy"));

    public static MessageType LocalObjectReference { get; } = new("LocalObjectReference",
        Field.String(1, "name").OmitZero());

    public static MessageType Toleration { get; } = new("Toleration",
        Field.String(1, "key").OmitZero(),
        Field.String(2, "operator").OmitZero(),
        Field.String(3, "value").OmitZero(),
        Field.String(4, "effect").OmitZero(),
        Field.Int64(5, "tolerationSeconds"));

    public static MessageType PodOS { get; } = new("PodOS",
        Field.String(1, "name"));

    public static MessageType PodSpec { get; } = new("PodSpec",
        Field.Messages(20, "initContainers", ContainerMessages.Container),
        Field.Messages(2, "containers", ContainerMessages.Container),
        Field.String(3, "restartPolicy").OmitZero(),
        Field.Int64(4, "terminationGracePeriodSeconds"),
        Field.Int64(5, "activeDeadlineSeconds"),
        Field.String(6, "dnsPolicy").OmitZero(),
        Field.StringMap(7, "nodeSelector"),
        Field.String(8, "serviceAccountName").OmitZero(),
        Field.String(9, "serviceAccount").OmitZero(),
        Field.Bool(21, "automountServiceAccountToken"),
        Field.String(10, "nodeName").OmitZero(),
        Field.Bool(11, "hostNetwork").OmitZero(),
        Field.Bool(12, "hostPID").OmitZero(),
        Field.Bool(13, "hostIPC").OmitZero(),
        Field.Bool(27, "shareProcessNamespace"),
        Field.Message(14, "securityContext", PodSecurityContext),
        Field.Messages(15, "imagePullSecrets", LocalObjectReference),
        Field.String(16, "hostname").OmitZero(),
        Field.String(17, "subdomain").OmitZero(),
        Field.String(19, "schedulerName").OmitZero(),
        Field.Messages(22, "tolerations", Toleration),
        Field.String(24, "priorityClassName").OmitZero(),
        Field.Int32(25, "priority"),
        Field.String(29, "runtimeClassName"),
        Field.Bool(30, "enableServiceLinks"),
        Field.String(31, "preemptionPolicy"),
        Field.QuantityMap(32, "overhead"),
        Field.Bool(35, "setHostnameAsFQDN"),
        Field.Message(36, "os", PodOS),
        Field.Bool(37, "hostUsers"),
        Field.Message(40, "resources", ContainerMessages.ResourceRequirements),
        Field.String(41, "hostnameOverride"));

    public static MessageType PodTemplateSpec { get; } = new("PodTemplateSpec",
        Field.Message(1, "metadata", MetaMessages.ObjectMeta),
        Field.Message(2, "spec", PodSpec));
}
