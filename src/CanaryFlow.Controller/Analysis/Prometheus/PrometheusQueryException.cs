using System.Net;

namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>Prometheus answered with its error envelope (<c>{"status":"error","errorType":…,"error":…}</c>).</summary>
public sealed class PrometheusQueryException : PrometheusException
{
    internal PrometheusQueryException(Uri address, HttpStatusCode statusCode, string errorTypeName, string serverMessage)
        : base(address, $"Prometheus at {address} rejected the query ({errorTypeName}, HTTP {(int)statusCode}): {serverMessage}")
    {
        StatusCode = statusCode;
        ErrorTypeName = errorTypeName;
        ErrorType = PrometheusErrorTypes.Parse(errorTypeName);
        ServerMessage = serverMessage;
    }

    public PrometheusErrorType ErrorType { get; }

    /// <summary>The errorType as sent, e.g. <c>bad_data</c>.</summary>
    public string ErrorTypeName { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>Prometheus' own message, e.g. <c>invalid parameter "query": 1:34: parse error: unclosed left parenthesis</c>.</summary>
    public string ServerMessage { get; }
}
