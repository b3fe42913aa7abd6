using System.Text.Json.Serialization;

namespace CanaryFlow.Controller.Analysis.Prometheus.Json;

/// <summary><c>[unixSeconds, {"count","sum","buckets"}]</c>: a native histogram sample.</summary>
[JsonConverter(typeof(ApiHistogramPairConverter))]
internal sealed record ApiHistogramPair(decimal Timestamp, ApiHistogram Histogram);

/// <summary>A native histogram; its numbers are strings like sample values.</summary>
internal sealed record ApiHistogram(string? Count, string? Sum, List<ApiHistogramBucket>? Buckets);

/// <summary><c>[boundaryRule, "lower", "upper", "count"]</c>.</summary>
[JsonConverter(typeof(ApiHistogramBucketConverter))]
internal sealed record ApiHistogramBucket(int BoundaryRule, string Lower, string Upper, string Count);
