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
[JsonSerializable(typeof(AnalysisTemplate))]
[JsonSerializable(typeof(KubernetesList<AnalysisTemplate>))]
[JsonSerializable(typeof(ClusterAnalysisTemplate))]
[JsonSerializable(typeof(KubernetesList<ClusterAnalysisTemplate>))]
[JsonSerializable(typeof(AnalysisRun))]
[JsonSerializable(typeof(KubernetesList<AnalysisRun>))]
[JsonSerializable(typeof(AnalysisRunStatus))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class CoreJsonContext : JsonSerializerContext;
