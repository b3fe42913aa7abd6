using System.Text.Json;
using System.Text.Json.Serialization;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Core.Api;

public sealed record RolloutSpec : KubernetesRecord
{
    /// <summary>Desired pods; default 1.</summary>
    public int? Replicas { get; init; }

    public LabelSelector? Selector { get; init; }

    /// <summary>
    /// The pod template exactly as written (kept as raw JSON, never re-serialised through a model): its hash must not
    /// change when the controller is upgraded, or every Rollout would redeploy.
    /// </summary>
    public JsonElement? Template { get; init; }

    /// <summary>Old ReplicaSets kept (scaled to 0); default 10.</summary>
    public int? RevisionHistoryLimit { get; init; }

    /// <summary>A step that makes no progress for this long exceeds the deadline; default 600.</summary>
    public int? ProgressDeadlineSeconds { get; init; }

    /// <summary>Abort (rather than only report) when the progress deadline is exceeded.</summary>
    public bool? ProgressDeadlineAbort { get; init; }

    /// <summary>Manual pause (kubectl canaryflow pause).</summary>
    public bool? Paused { get; init; }

    /// <summary>Pods older than this are replaced (kubectl canaryflow restart).</summary>
    [JsonConverter(typeof(TimeJsonConverter))]
    public DateTimeOffset? RestartAt { get; init; }

    public RolloutStrategy? Strategy { get; init; }

    /// <summary>GitOps-consistent rollback (optional).</summary>
    public GitSpec? Git { get; init; }
}

public sealed record RolloutStrategy : KubernetesRecord
{
    public CanaryStrategy? Canary { get; init; }
}

public sealed record CanaryStrategy : KubernetesRecord
{
    /// <summary>Service whose selector the controller points at the stable ReplicaSet.</summary>
    public string? StableService { get; init; }

    /// <summary>Service whose selector the controller points at the canary ReplicaSet.</summary>
    public string? CanaryService { get; init; }

    /// <summary>Default 25%.</summary>
    public IntOrString? MaxSurge { get; init; }

    /// <summary>Default 25%.</summary>
    public IntOrString? MaxUnavailable { get; init; }

    /// <summary>Absent: the weight is approximated by the replica ratio.</summary>
    public TrafficRouting? TrafficRouting { get; init; }

    public IReadOnlyList<CanaryStep>? Steps { get; init; }

    /// <summary>Background analysis for the whole update.</summary>
    public RolloutAnalysis? Analysis { get; init; }

    public int? AbortScaleDownDelaySeconds { get; init; }

    public int? ScaleDownDelaySeconds { get; init; }

    /// <summary>abort (default) or pause: what a failed analysis does.</summary>
    public string? FailurePolicy { get; init; }
}

public sealed record TrafficRouting : KubernetesRecord
{
    [JsonPropertyName("gatewayAPI")]
    public GatewayApiRouting? GatewayApi { get; init; }

    public NginxRouting? Nginx { get; init; }
}

public sealed record GatewayApiRouting : KubernetesRecord
{
    public string? HttpRoute { get; init; }

    public string? Namespace { get; init; }
}

public sealed record NginxRouting : KubernetesRecord
{
    public string? StableIngress { get; init; }
}

/// <summary>One step: exactly one of the members is set.</summary>
public sealed record CanaryStep : KubernetesRecord
{
    public int? SetWeight { get; init; }

    public PauseStep? Pause { get; init; }

    public RolloutAnalysis? Analysis { get; init; }

    public SetCanaryScale? SetCanaryScale { get; init; }
}

public sealed record PauseStep : KubernetesRecord
{
    /// <summary>30s, 5m, 1h or a number of seconds; absent: wait for promote.</summary>
    public IntOrString? Duration { get; init; }
}

public sealed record SetCanaryScale : KubernetesRecord
{
    public int? Weight { get; init; }

    public int? Replicas { get; init; }

    public bool? MatchTrafficWeight { get; init; }
}

public sealed record RolloutAnalysis : KubernetesRecord
{
    public IReadOnlyList<AnalysisTemplateReference>? Templates { get; init; }

    public IReadOnlyList<AnalysisArgument>? Args { get; init; }

    /// <summary>Background analysis only: the step index from which it runs.</summary>
    public int? StartingStep { get; init; }
}

public sealed record AnalysisTemplateReference : KubernetesRecord
{
    public string? TemplateName { get; init; }

    public bool? ClusterScope { get; init; }
}

public sealed record AnalysisArgument : KubernetesRecord
{
    public string? Name { get; init; }

    public string? Value { get; init; }

    public ArgumentValueFrom? ValueFrom { get; init; }
}

/// <summary>Where an argument's value comes from when it is not written inline.</summary>
public sealed record ArgumentValueFrom : KubernetesRecord
{
    /// <summary>A key of a Secret in the run's namespace; its value is masked wherever it is shown.</summary>
    public SecretKeySelector? SecretKeyRef { get; init; }

    /// <summary>Stable or Latest: the pod-template hash of the stable or the canary ReplicaSet.</summary>
    public string? PodTemplateHashValue { get; init; }
}

public sealed record SecretKeySelector : KubernetesRecord
{
    public string? Name { get; init; }

    public string? Key { get; init; }
}

public sealed record GitSpec : KubernetesRecord
{
    [JsonPropertyName("repoURL")]
    public string? RepoUrl { get; init; }

    public string? Branch { get; init; }

    public string? Path { get; init; }

    public SecretReference? SecretRef { get; init; }

    /// <summary>commit (default), branch or none.</summary>
    public string? Revert { get; init; }
}

public sealed record SecretReference : KubernetesRecord
{
    public string? Name { get; init; }
}
