namespace CanaryFlow.LocalCluster.Protobuf.Messages;

/// <summary>Tables for Service and its spec and status messages in k8s.io/api/core/v1/generated.proto.</summary>
internal static class ServiceMessages
{
    public static MessageType ServicePort { get; } = new("ServicePort",
        Field.String(1, "name").OmitZero(),
        Field.String(2, "protocol").OmitZero(),
        Field.String(6, "appProtocol"),
        Field.Int32(3, "port"),

        // The API server defaults a zero targetPort to port, so zero means "not set".
        Field.IntOrString(4, "targetPort").OmitZero(),
        Field.Int32(5, "nodePort").OmitZero());

    public static MessageType ClientIPConfig { get; } = new("ClientIPConfig",
        Field.Int32(1, "timeoutSeconds"));

    public static MessageType SessionAffinityConfig { get; } = new("SessionAffinityConfig",
        Field.Message(1, "clientIP", ClientIPConfig));

    public static MessageType ServiceSpec { get; } = new("ServiceSpec",
        Field.Messages(1, "ports", ServicePort),
        Field.StringMap(2, "selector"),
        Field.String(3, "clusterIP").OmitZero(),
        Field.Strings(18, "clusterIPs"),
        Field.String(4, "type").OmitZero(),
        Field.Strings(5, "externalIPs"),
        Field.String(7, "sessionAffinity").OmitZero(),
        Field.String(8, "loadBalancerIP").OmitZero(),
        Field.Strings(9, "loadBalancerSourceRanges"),
        Field.String(10, "externalName").OmitZero(),
        Field.String(11, "externalTrafficPolicy").OmitZero(),
        Field.Int32(12, "healthCheckNodePort").OmitZero(),
        Field.Bool(13, "publishNotReadyAddresses").OmitZero(),
        Field.Message(14, "sessionAffinityConfig", SessionAffinityConfig),
        Field.Strings(19, "ipFamilies"),
        Field.String(17, "ipFamilyPolicy"),
        Field.Bool(20, "allocateLoadBalancerNodePorts"),
        Field.String(21, "loadBalancerClass"),
        Field.String(22, "internalTrafficPolicy"),
        Field.String(23, "trafficDistribution"));

    public static MessageType PortStatus { get; } = new("PortStatus",
        Field.Int32(1, "port"),
        Field.String(2, "protocol"),
        Field.String(3, "error"));

    public static MessageType LoadBalancerIngress { get; } = new("LoadBalancerIngress",
        Field.String(1, "ip").OmitZero(),
        Field.String(2, "hostname").OmitZero(),
        Field.String(3, "ipMode"),
        Field.Messages(4, "ports", PortStatus));

    public static MessageType LoadBalancerStatus { get; } = new("LoadBalancerStatus",
        Field.Messages(1, "ingress", LoadBalancerIngress));

    public static MessageType ServiceStatus { get; } = new("ServiceStatus",
        Field.Message(1, "loadBalancer", LoadBalancerStatus),
        Field.Messages(2, "conditions", MetaMessages.Condition));

    public static MessageType Service { get; } = new("Service",
        Field.Message(1, "metadata", MetaMessages.ObjectMeta),
        Field.Message(2, "spec", ServiceSpec),
        Field.Message(3, "status", ServiceStatus));
}
