namespace CanaryFlow.Controller.Analysis.Prometheus.Json;

/// <summary>An instant-vector element: <c>{"metric":{…},"value":[t,"v"]}</c> or, for a native histogram, <c>"histogram":[t,{…}]</c>.</summary>
internal sealed record ApiVectorItem(Dictionary<string, string>? Metric, ApiSamplePair? Value, ApiHistogramPair? Histogram);
