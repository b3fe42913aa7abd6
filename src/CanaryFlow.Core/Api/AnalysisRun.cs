using System.Text.Json.Serialization;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Core.Api;

/// <summary>
/// canaryflow.io/v1alpha1 AnalysisRun: one analysis of one canary, created by the Rollout controller from templates
/// (owned by the Rollout). Its status records every measurement with the query and the condition it was judged by.
/// </summary>
public sealed record AnalysisRun() : KubernetesObject(RolloutApi.ApiVersion, "AnalysisRun")
{
    public AnalysisRunSpec? Spec { get; init; }

    public AnalysisRunStatus? Status { get; init; }
}

public sealed record AnalysisRunSpec : KubernetesRecord
{
    /// <summary>The metrics of all templates, merged.</summary>
    public IReadOnlyList<Metric>? Metrics { get; init; }

    /// <summary>Resolved arguments; a secret stays a reference here and is read when measuring.</summary>
    public IReadOnlyList<AnalysisArgument>? Args { get; init; }

    public IReadOnlyList<MetricSelector>? DryRun { get; init; }

    public IReadOnlyList<MeasurementRetention>? MeasurementRetention { get; init; }

    /// <summary>Set by the Rollout controller when the run no longer matters: measuring stops, the outcome so far stands.</summary>
    public bool? Terminate { get; init; }
}

public sealed record AnalysisRunStatus : KubernetesRecord
{
    /// <summary>Pending, Running, Successful, Failed, Error or Inconclusive.</summary>
    public string? Phase { get; init; }

    /// <summary>Why, in words: the metric, its value and the condition it failed.</summary>
    public string? Message { get; init; }

    /// <summary>A MicroTime, like the measurements' times: the schedule is computed from them.</summary>
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? StartedAt { get; init; }

    public IReadOnlyList<MetricResult>? MetricResults { get; init; }
}

public sealed record MetricResult : KubernetesRecord
{
    public string? Name { get; init; }

    public string? Phase { get; init; }

    public string? Message { get; init; }

    public bool? DryRun { get; init; }

    /// <summary>The latest measurements (up to the retention limit), oldest first.</summary>
    public IReadOnlyList<Measurement>? Measurements { get; init; }

    public int? Count { get; init; }

    public int? Successful { get; init; }

    public int? Failed { get; init; }

    public int? Inconclusive { get; init; }

    public int? Error { get; init; }

    public int? ConsecutiveError { get; init; }
}

/// <summary>One measurement: what was asked, what came back, and how it was judged.</summary>
public sealed record Measurement : KubernetesRecord
{
    /// <summary>Successful, Failed, Inconclusive or Error.</summary>
    public string? Phase { get; init; }

    // MicroTime, not Time: the next measurement is due an interval after this one finished, and whole seconds
    // would move a 1 s schedule by up to a second whenever the status is read back (every reconcile, every restart).
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? StartedAt { get; init; }

    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The value as a person reads it (e.g. <c>[0.91]</c>, <c>NaN</c>).</summary>
    public string? Value { get; init; }

    /// <summary>The query or URL as sent, with secret arguments masked.</summary>
    public string? Query { get; init; }

    /// <summary>The condition that decided the phase (e.g. <c>successCondition: result[0] >= 0.95</c>).</summary>
    public string? Condition { get; init; }

    /// <summary>For errors: what went wrong.</summary>
    public string? Message { get; init; }
}
