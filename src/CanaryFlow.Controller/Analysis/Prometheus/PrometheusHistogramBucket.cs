namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>
/// One bucket of a native histogram: <c>[boundaryRule, "lower", "upper", "count"]</c>. The boundary rule says which
/// ends are inclusive: 0 open left, 1 open right, 2 open both, 3 closed both.
/// </summary>
public sealed record PrometheusHistogramBucket(int BoundaryRule, double Lower, double Upper, double Count);
