namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>A native histogram sample (<c>{"count","sum","buckets"}</c>).</summary>
public sealed record PrometheusHistogram(double Count, double Sum, IReadOnlyList<PrometheusHistogramBucket> Buckets);
