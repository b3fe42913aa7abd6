namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>
/// One float sample: <c>[unixSeconds, "value"]</c> on the wire. <see cref="Value"/> may be NaN or ±infinity
/// (Prometheus sends <c>"NaN"</c>, <c>"+Inf"</c>, <c>"-Inf"</c>).
/// </summary>
public readonly record struct PrometheusPoint(DateTimeOffset Timestamp, double Value);
