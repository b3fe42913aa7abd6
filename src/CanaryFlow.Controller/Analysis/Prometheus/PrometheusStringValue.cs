namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>The result of a string expression such as <c>"abc"</c>.</summary>
public sealed record PrometheusStringValue(DateTimeOffset Timestamp, string Value);
