namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>Maps the wire <c>errorType</c> strings to <see cref="PrometheusErrorType"/>.</summary>
internal static class PrometheusErrorTypes
{
    public static PrometheusErrorType Parse(string? name) => name switch
    {
        "bad_data" => PrometheusErrorType.BadData,
        "execution" => PrometheusErrorType.Execution,
        "timeout" => PrometheusErrorType.Timeout,
        "canceled" => PrometheusErrorType.Canceled,
        "internal" => PrometheusErrorType.Internal,
        "unavailable" => PrometheusErrorType.Unavailable,
        "not_found" => PrometheusErrorType.NotFound,
        "not_acceptable" => PrometheusErrorType.NotAcceptable,
        _ => PrometheusErrorType.Unknown,
    };
}
