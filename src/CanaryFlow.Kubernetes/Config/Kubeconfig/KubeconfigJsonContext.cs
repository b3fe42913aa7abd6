using System.Text.Json.Serialization;

namespace CanaryFlow.Kubernetes.Config.Kubeconfig;

[JsonSerializable(typeof(KubeconfigDocument))]
internal sealed partial class KubeconfigJsonContext : JsonSerializerContext;
