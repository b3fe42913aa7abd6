using System.Text.Json.Serialization;

namespace CanaryFlow.Controller.Analysis.Prometheus.Json;

/// <summary><c>[unixSeconds, "value"]</c>: a JSON number then a JSON string (a float sample, a scalar or a string result).</summary>
[JsonConverter(typeof(ApiSamplePairConverter))]
internal sealed record ApiSamplePair(decimal Timestamp, string Value);
