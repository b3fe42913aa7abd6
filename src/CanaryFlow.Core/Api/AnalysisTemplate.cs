using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Core.Api;

/// <summary>canaryflow.io/v1alpha1 AnalysisTemplate: metrics and how to judge them, for Rollouts of its namespace.</summary>
public sealed record AnalysisTemplate() : KubernetesObject(RolloutApi.ApiVersion, "AnalysisTemplate")
{
    public AnalysisTemplateSpec? Spec { get; init; }
}

/// <summary>canaryflow.io/v1alpha1 ClusterAnalysisTemplate: an AnalysisTemplate every namespace can use.</summary>
public sealed record ClusterAnalysisTemplate() : KubernetesObject(RolloutApi.ApiVersion, "ClusterAnalysisTemplate")
{
    public AnalysisTemplateSpec? Spec { get; init; }
}

public sealed record AnalysisTemplateSpec : KubernetesRecord
{
    /// <summary>Arguments the metrics use as <c>{{args.name}}</c>; a value here is a default the Rollout may override.</summary>
    public IReadOnlyList<AnalysisArgument>? Args { get; init; }

    public IReadOnlyList<Metric>? Metrics { get; init; }

    /// <summary>Metrics measured and recorded but never deciding the run's outcome.</summary>
    public IReadOnlyList<MetricSelector>? DryRun { get; init; }

    /// <summary>How many measurements of a metric the run keeps (default 10).</summary>
    public IReadOnlyList<MeasurementRetention>? MeasurementRetention { get; init; }
}

public sealed record MetricSelector : KubernetesRecord
{
    /// <summary>A metric name, or <c>*</c> for all.</summary>
    public string? MetricName { get; init; }
}

public sealed record MeasurementRetention : KubernetesRecord
{
    /// <summary>A metric name, or <c>*</c> for all.</summary>
    public string? MetricName { get; init; }

    public int? Limit { get; init; }
}

/// <summary>One metric: how often to measure, how to judge a measurement and when the metric has failed.</summary>
public sealed record Metric : KubernetesRecord
{
    public string? Name { get; init; }

    /// <summary>Time between measurements (30s, 5m); absent: measure once.</summary>
    public string? Interval { get; init; }

    /// <summary>How many measurements; absent: 1 without an interval, unbounded with one (until the run is terminated).</summary>
    public IntOrString? Count { get; init; }

    /// <summary>Wait before the first measurement.</summary>
    public string? InitialDelay { get; init; }

    public string? SuccessCondition { get; init; }

    public string? FailureCondition { get; init; }

    /// <summary>Failed measurements tolerated before the metric fails; default 0, -1 never fails.</summary>
    public int? FailureLimit { get; init; }

    /// <summary>Inconclusive measurements tolerated before the metric is inconclusive; default 0.</summary>
    public int? InconclusiveLimit { get; init; }

    /// <summary>Errors in a row tolerated before the metric errors; default 4. An errored measurement is retried after 10 s.</summary>
    public int? ConsecutiveErrorLimit { get; init; }

    public MetricProvider? Provider { get; init; }
}

/// <summary>Exactly one provider.</summary>
public sealed record MetricProvider : KubernetesRecord
{
    public PrometheusMetric? Prometheus { get; init; }

    public WebMetric? Web { get; init; }
}

public sealed record PrometheusMetric : KubernetesRecord
{
    /// <summary>Base URL of the Prometheus HTTP API, e.g. http://prometheus.monitoring:9090.</summary>
    public string? Address { get; init; }

    /// <summary>PromQL with <c>{{args.name}}</c> placeholders.</summary>
    public string? Query { get; init; }

    /// <summary>Query timeout (e.g. 10s); default 30s.</summary>
    public string? Timeout { get; init; }

    public IReadOnlyList<WebHeader>? Headers { get; init; }

    public PrometheusAuthentication? Authentication { get; init; }
}

public sealed record PrometheusAuthentication : KubernetesRecord
{
    public BasicAuthentication? Basic { get; init; }

    /// <summary>A bearer token read from a Secret.</summary>
    public SecretKeySelector? BearerTokenSecretRef { get; init; }
}

public sealed record BasicAuthentication : KubernetesRecord
{
    public string? Username { get; init; }

    public SecretKeySelector? PasswordSecretRef { get; init; }
}

public sealed record WebMetric : KubernetesRecord
{
    /// <summary>URL with <c>{{args.name}}</c> placeholders.</summary>
    public string? Url { get; init; }

    /// <summary>GET (default) or POST.</summary>
    public string? Method { get; init; }

    public IReadOnlyList<WebHeader>? Headers { get; init; }

    /// <summary>POST body, with placeholders.</summary>
    public string? Body { get; init; }

    /// <summary>A JSONPath into the response (e.g. <c>{$.data.ok}</c>); absent: the whole body.</summary>
    public string? JsonPath { get; init; }

    public int? TimeoutSeconds { get; init; }
}

public sealed record WebHeader : KubernetesRecord
{
    public string? Key { get; init; }

    /// <summary>With <c>{{args.name}}</c> placeholders (a secret argument stays masked in the run).</summary>
    public string? Value { get; init; }
}
