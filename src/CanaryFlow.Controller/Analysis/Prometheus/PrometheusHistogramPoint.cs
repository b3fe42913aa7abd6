namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>A native histogram at one instant of a range vector.</summary>
public sealed record PrometheusHistogramPoint(DateTimeOffset Timestamp, PrometheusHistogram Histogram);
