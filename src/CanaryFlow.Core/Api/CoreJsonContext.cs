using System.Text.Json;
using System.Text.Json.Serialization;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Core.Api;

/// <summary>Source-generated serialisation of the CanaryFlow API types.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Rollout))]
[JsonSerializable(typeof(KubernetesList<Rollout>))]
[JsonSerializable(typeof(RolloutStatus))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class CoreJsonContext : JsonSerializerContext;
