using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Protobuf;

/// <summary>
/// Decodes request bodies sent as <c>application/vnd.kubernetes.protobuf</c> (kubectl create namespace, configmap,
/// secret generic, service, deployment) into the JSON the rest of LocalCluster works with.
/// </summary>
public static class KubernetesProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    /// <summary>Returns the object as Kubernetes JSON: <c>apiVersion</c> and <c>kind</c> first, then its fields.</summary>
    /// <exception cref="ProtobufDecodeException">The body lacks the magic, is malformed, or holds a kind or field LocalCluster cannot decode.</exception>
    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        var envelope = KubernetesEnvelope.Read(body);
        var type = DecodableKinds.Find(envelope.ApiVersion, envelope.Kind)
            ?? throw new ProtobufDecodeException($"LocalCluster cannot decode protobuf for {envelope.ApiVersion} {envelope.Kind}; send JSON");
        var result = new JsonObject
        {
            ["apiVersion"] = envelope.ApiVersion,
            ["kind"] = envelope.Kind,
        };
        MessageDecoder.DecodeInto(result, type, envelope.Raw, "");
        return result;
    }
}
