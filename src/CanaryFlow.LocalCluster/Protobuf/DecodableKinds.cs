using CanaryFlow.LocalCluster.Protobuf.Messages;

namespace CanaryFlow.LocalCluster.Protobuf;

/// <summary>The kinds whose protobuf LocalCluster decodes: those the kubectl create generators send as protobuf.</summary>
internal static class DecodableKinds
{
    private static readonly Dictionary<(string ApiVersion, string Kind), MessageType> _byKind = new()
    {
        [("v1", "Namespace")] = NamespaceMessages.Namespace,
        [("v1", "ConfigMap")] = ConfigMessages.ConfigMap,
        [("v1", "Secret")] = ConfigMessages.Secret,
        [("v1", "Service")] = ServiceMessages.Service,
        [("apps/v1", "Deployment")] = DeploymentMessages.Deployment,
    };

    public static IEnumerable<(string ApiVersion, string Kind)> All => _byKind.Keys;

    public static MessageType? Find(string apiVersion, string kind) => _byKind.GetValueOrDefault((apiVersion, kind));
}
