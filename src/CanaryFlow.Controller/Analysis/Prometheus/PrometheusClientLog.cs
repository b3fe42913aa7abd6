using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>The Prometheus client's log messages: addresses, methods, result shapes and errors; never headers or credentials.</summary>
internal static partial class PrometheusClientLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Prometheus query to {Address} by {Method}: {Query}")]
    public static partial void Sending(ILogger logger, Uri address, string method, string query);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Prometheus at {Address} answered a {ResultType} result with {Series} series in {ElapsedMilliseconds} ms")]
    public static partial void Answered(ILogger logger, Uri address, PrometheusResultType resultType, int series, long elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Prometheus at {Address} annotated the query {Query}: {Annotations}")]
    public static partial void Annotated(ILogger logger, Uri address, string query, string annotations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Prometheus query to {Address} failed: {Reason}")]
    public static partial void Failed(ILogger logger, Uri address, string reason);
}
