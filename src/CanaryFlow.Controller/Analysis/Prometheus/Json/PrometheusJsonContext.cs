using System.Text.Json.Serialization;

namespace CanaryFlow.Controller.Analysis.Prometheus.Json;

/// <summary>Source-generated (de)serialization of the Prometheus HTTP API's query responses.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApiResponse))]
[JsonSerializable(typeof(List<ApiVectorItem>))]
[JsonSerializable(typeof(List<ApiMatrixSeries>))]
[JsonSerializable(typeof(ApiSamplePair))]
[JsonSerializable(typeof(ApiHistogram))]
internal sealed partial class PrometheusJsonContext : JsonSerializerContext;
