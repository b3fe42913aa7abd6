namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>
/// A successful instant query. Exactly one of <see cref="Samples"/> (vector), <see cref="Matrix"/>, <see cref="Scalar"/>
/// or <see cref="String"/> carries the result, as <see cref="ResultType"/> says; the lists are empty otherwise.
/// An empty vector or matrix is "no data", not an error: the caller decides what that means (analysis treats it as an
/// errored measurement, never as a pass).
/// </summary>
public sealed record PrometheusQueryResult(
    PrometheusResultType ResultType,
    IReadOnlyList<PrometheusSample> Samples,
    IReadOnlyList<PrometheusSeries> Matrix,
    PrometheusPoint? Scalar,
    PrometheusStringValue? String,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Infos)
{
    /// <summary>A vector or matrix without any series.</summary>
    public bool IsEmpty => ResultType switch
    {
        PrometheusResultType.Vector => Samples.Count == 0,
        PrometheusResultType.Matrix => Matrix.Count == 0,
        _ => false,
    };
}
