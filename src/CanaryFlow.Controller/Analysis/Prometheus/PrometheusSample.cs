namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>
/// One element of an instant vector: its labels (<c>{}</c> when the expression dropped them all) and either a float
/// <see cref="Value"/> or, for a native histogram series, a <see cref="Histogram"/> (then <see cref="Value"/> is null).
/// </summary>
public sealed record PrometheusSample(
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset Timestamp,
    double? Value,
    PrometheusHistogram? Histogram = null);
