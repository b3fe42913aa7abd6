namespace CanaryFlow.Controller.Analysis.Prometheus;

/// <summary>
/// An instant query (<c>/api/v1/query</c>): the PromQL <see cref="Expression"/>, the evaluation <see cref="Time"/>
/// (server's "now" when null) and the server-side evaluation <see cref="Timeout"/> (the <c>timeout</c> parameter,
/// capped by the server's <c>--query.timeout</c>; millisecond precision).
/// </summary>
public sealed record PrometheusQuery(string Expression)
{
    public DateTimeOffset? Time { get; init; }

    public TimeSpan? Timeout { get; init; }

    /// <summary>The expression as logs may show it (secret arguments masked); the expression itself when null.</summary>
    public string? Shown { get; init; }
}
