namespace CanaryFlow.LocalCluster.Protobuf.Messages;

/// <summary>
/// Tables for Container and the messages it holds in k8s.io/api/core/v1/generated.proto. Left out for now: envFrom,
/// env valueFrom, volumeMounts, volumeDevices, probes, lifecycle, securityContext and restartPolicyRules.
/// </summary>
internal static class ContainerMessages
{
    public static MessageType ContainerPort { get; } = new("ContainerPort",
        Field.String(1, "name").OmitZero(),
        Field.Int32(2, "hostPort").OmitZero(),
        Field.Int32(3, "containerPort"),
        Field.String(4, "protocol").OmitZero(),
        Field.String(5, "hostIP").OmitZero());

    public static MessageType EnvVar { get; } = new("EnvVar",
        Field.String(1, "name"),
        Field.String(2, "value").OmitZero());

    public static MessageType ResourceClaim { get; } = new("ResourceClaim",
        Field.String(1, "name"),
        Field.String(2, "request").OmitZero());

    public static MessageType ResourceRequirements { get; } = new("ResourceRequirements",
        Field.QuantityMap(1, "limits"),
        Field.QuantityMap(2, "requests"),
        Field.Messages(3, "claims", ResourceClaim));

    public static MessageType ContainerResizePolicy { get; } = new("ContainerResizePolicy",
        Field.String(1, "resourceName"),
        Field.String(2, "restartPolicy"));

    public static MessageType Container { get; } = new("Container",
        Field.String(1, "name"),
        Field.String(2, "image").OmitZero(),
        Field.Strings(3, "command"),
        Field.Strings(4, "args"),
        Field.String(5, "workingDir").OmitZero(),
        Field.Messages(6, "ports", ContainerPort),
        Field.Messages(7, "env", EnvVar),
        Field.Message(8, "resources", ResourceRequirements),
        Field.Messages(23, "resizePolicy", ContainerResizePolicy),
        Field.String(24, "restartPolicy"),
        Field.String(13, "terminationMessagePath").OmitZero(),
        Field.String(20, "terminationMessagePolicy").OmitZero(),
        Field.String(14, "imagePullPolicy").OmitZero(),
        Field.Bool(16, "stdin").OmitZero(),
        Field.Bool(17, "stdinOnce").OmitZero(),
        Field.Bool(18, "tty").OmitZero());
}
