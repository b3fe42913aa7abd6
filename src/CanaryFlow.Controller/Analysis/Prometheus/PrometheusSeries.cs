namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>One series of a range vector (matrix): its labels and its float points and/or native histogram points, oldest first.</summary>
public sealed record PrometheusSeries(
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<PrometheusPoint> Points,
    IReadOnlyList<PrometheusHistogramPoint> Histograms);
