namespace CanaryFlow.Controller.Analysis.Prometheus.Json;

/// <summary>A range-vector series: <c>{"metric":{…},"values":[[t,"v"],…],"histograms":[[t,{…}],…]}</c>.</summary>
internal sealed record ApiMatrixSeries(Dictionary<string, string>? Metric, List<ApiSamplePair>? Values, List<ApiHistogramPair>? Histograms);
