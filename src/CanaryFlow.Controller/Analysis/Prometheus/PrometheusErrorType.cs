namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>The <c>errorType</c> of a Prometheus error envelope (HTTP status in brackets, as Prometheus maps them).</summary>
public enum PrometheusErrorType
{
    /// <summary>An errorType this client does not know (kept verbatim in <see cref="PrometheusQueryException.ErrorTypeName"/>).</summary>
    Unknown,

    /// <summary><c>bad_data</c> (400): a bad or missing parameter, a PromQL parse error.</summary>
    BadData,

    /// <summary><c>execution</c> (422): evaluation failed, e.g. many-to-many matching.</summary>
    Execution,

    /// <summary><c>timeout</c> (503): the evaluation exceeded the query timeout.</summary>
    Timeout,

    /// <summary><c>canceled</c> (499): the query was cancelled on the server.</summary>
    Canceled,

    /// <summary><c>internal</c> (500).</summary>
    Internal,

    /// <summary><c>unavailable</c>: e.g. the TSDB is not ready.</summary>
    Unavailable,

    /// <summary><c>not_found</c> (404).</summary>
    NotFound,

    /// <summary><c>not_acceptable</c> (406): no acceptable response codec.</summary>
    NotAcceptable,
}
