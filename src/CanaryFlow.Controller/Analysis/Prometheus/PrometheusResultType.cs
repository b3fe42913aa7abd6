namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>The <c>data.resultType</c> of a Prometheus query response.</summary>
public enum PrometheusResultType
{
    Vector,
    Matrix,
    Scalar,
    String,
}
