using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Kubernetes.Serialization;

/// <summary>
/// Compile-time serialisation metadata for every model, its list and the API's own shapes. Nulls are left out on
/// writing, as Go's omitempty does, so an absent field stays absent through a read-modify-write.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(DeleteOptions))]
[JsonSerializable(typeof(WatchEvent))]
[JsonSerializable(typeof(ObjectMeta))]
[JsonSerializable(typeof(LabelSelector))]
[JsonSerializable(typeof(Condition))]
[JsonSerializable(typeof(ObjectReference))]
[JsonSerializable(typeof(PodTemplateSpec))]
[JsonSerializable(typeof(ReplicaSet))]
[JsonSerializable(typeof(KubernetesList<ReplicaSet>))]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(KubernetesList<Pod>))]
[JsonSerializable(typeof(Service))]
[JsonSerializable(typeof(KubernetesList<Service>))]
[JsonSerializable(typeof(Ingress))]
[JsonSerializable(typeof(KubernetesList<Ingress>))]
[JsonSerializable(typeof(Lease))]
[JsonSerializable(typeof(KubernetesList<Lease>))]
[JsonSerializable(typeof(Event))]
[JsonSerializable(typeof(KubernetesList<Event>))]
[JsonSerializable(typeof(CoreEvent))]
[JsonSerializable(typeof(KubernetesList<CoreEvent>))]
[JsonSerializable(typeof(Secret))]
[JsonSerializable(typeof(KubernetesList<Secret>))]
[JsonSerializable(typeof(ConfigMap))]
[JsonSerializable(typeof(KubernetesList<ConfigMap>))]
[JsonSerializable(typeof(CustomResourceDefinition))]
[JsonSerializable(typeof(KubernetesList<CustomResourceDefinition>))]
[JsonSerializable(typeof(Namespace))]
[JsonSerializable(typeof(KubernetesList<Namespace>))]
[JsonSerializable(typeof(HttpRoute))]
[JsonSerializable(typeof(KubernetesList<HttpRoute>))]
[JsonSerializable(typeof(UnstructuredObject))]
[JsonSerializable(typeof(KubernetesList<UnstructuredObject>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonNode))]
public sealed partial class KubernetesJsonContext : JsonSerializerContext;
