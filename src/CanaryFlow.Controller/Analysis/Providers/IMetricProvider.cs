using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Controller.Analysis.Providers;

/// <summary>
/// One measurement's request: the metric as the run holds it, the argument values to substitute, and the run's
/// namespace (where the Secrets of provider credentials are read).
/// </summary>
public sealed record MetricQuery(Metric Metric, IReadOnlyDictionary<string, ArgumentValue> Arguments, string Namespace);

/// <summary>What came back, and the query as a person may see it (secret arguments masked).</summary>
public sealed record ProviderResult(MetricData Data, string ShownQuery);

/// <summary>Measures a metric against one kind of backend (Prometheus, a web endpoint).</summary>
public interface IMetricProvider
{
    /// <summary>True when this provider serves the metric's provider block.</summary>
    bool Handles(MetricProvider provider);

    /// <exception cref="MetricProviderException">The backend could not answer; the message is safe to show.</exception>
    Task<ProviderResult> MeasureAsync(MetricQuery query, CancellationToken cancellationToken);
}

/// <summary>A measurement that could not be taken (an Error measurement): the message has secrets masked.</summary>
public sealed class MetricProviderException : Exception
{
    public MetricProviderException(string message, string shownQuery, Exception? inner = null)
        : base(message, inner)
    {
        ShownQuery = shownQuery;
    }

    public MetricProviderException()
    {
        ShownQuery = "";
    }

    public MetricProviderException(string message)
        : base(message)
    {
        ShownQuery = "";
    }

    public MetricProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
        ShownQuery = "";
    }

    public string ShownQuery { get; }
}
