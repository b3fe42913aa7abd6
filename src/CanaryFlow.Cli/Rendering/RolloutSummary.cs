using System.Globalization;
using System.Text.Json;
using CanaryFlow.Cli.Cluster;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Cli.Rendering;

/// <summary>
/// Where a Rollout is, in the words of the header of <c>get rollout</c>: phase, strategy, step, the weight the steps
/// ask for beside the weight actually set, and the images and Git revisions of stable and canary.
/// </summary>
internal sealed record RolloutSummary
{
    public required string Name { get; init; }

    public required string Namespace { get; init; }

    public required string Phase { get; init; }

    public string? Message { get; init; }

    /// <summary>"Canary" and how traffic moves: a Gateway API HTTPRoute, an NGINX Ingress, or the replica ratio.</summary>
    public required string Strategy { get; init; }

    /// <summary>Steps completed over steps in all (Argo Rollouts' convention): 1/3 is executing the second step.</summary>
    public required string Step { get; init; }

    /// <summary>What the current step does, e.g. "pause (until promoted)"; null when no update is in flight.</summary>
    public string? CurrentStep { get; init; }

    /// <summary>The weight the steps ask for at this point.</summary>
    public required int SetWeight { get; init; }

    /// <summary>The weight the controller has set (status.canary.weights.canary); 100 when no canary is in flight.</summary>
    public required int ActualWeight { get; init; }

    public required string StableImages { get; init; }

    public string? CanaryImages { get; init; }

    public string? StableRevision { get; init; }

    public string? CanaryRevision { get; init; }

    public required string Replicas { get; init; }

    public IReadOnlyList<string> PauseReasons { get; init; } = [];

    public string? AbortReason { get; init; }

    /// <summary>True while a canary is in flight (the template differs from the stable one).</summary>
    public bool UpdateInFlight { get; init; }

    public static RolloutSummary Of(RolloutTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var rollout = tree.Rollout;
        var status = rollout.Status;
        var canary = rollout.Spec?.Strategy?.Canary;
        var steps = canary?.Steps ?? [];
        var inFlight = status?.CurrentPodHash is { } current && current != status.StableRs;
        var index = Math.Clamp(status?.CurrentStepIndex ?? (inFlight ? 0 : steps.Count), 0, steps.Count);
        var aborted = status?.Abort == true;
        var stableSet = tree.ReplicaSets.FirstOrDefault(rs => Hash(rs) == status?.StableRs);
        return new RolloutSummary
        {
            Name = rollout.Metadata.Name ?? "",
            Namespace = rollout.Metadata.Namespace ?? "",
            Phase = status?.Phase ?? "Pending",
            Message = status?.Message,
            Strategy = StrategyOf(canary),
            Step = string.Create(CultureInfo.InvariantCulture, $"{index}/{steps.Count}"),
            CurrentStep = inFlight && !aborted && index < steps.Count ? Describe(steps[index]) : null,
            SetWeight = aborted ? 0 : !inFlight || index >= steps.Count ? 100 : steps.Take(index + 1).LastOrDefault(s => s.SetWeight is not null)?.SetWeight ?? 0,
            // With no canary in flight every request reaches the current template (the stable one), whatever weight the status kept.
            ActualWeight = inFlight ? status?.Canary?.Weights?.Canary ?? 0 : 100,
            StableImages = stableSet?.Spec?.Template?.Spec is { } stableSpec ? Images(stableSpec.Containers) : inFlight ? "-" : Images(rollout.Spec?.Template),
            CanaryImages = inFlight ? Images(rollout.Spec?.Template) : null,
            StableRevision = status?.Git?.StableRevision,
            CanaryRevision = inFlight ? status?.Git?.CanaryRevision : null,
            Replicas = string.Create(CultureInfo.InvariantCulture, $"{rollout.Spec?.Replicas ?? 1} desired, {status?.Replicas ?? 0} current, {status?.UpdatedReplicas ?? 0} updated, {status?.ReadyReplicas ?? 0} ready, {status?.AvailableReplicas ?? 0} available"),
            PauseReasons = [.. (status?.PauseConditions ?? []).Select(p => p.Reason ?? "Paused").Concat(rollout.Spec?.Paused == true ? ["spec.paused"] : [])],
            AbortReason = aborted || status?.AbortedAt is not null ? status?.AbortReason : null,
            UpdateInFlight = inFlight,
        };
    }

    public static string? Hash(ReplicaSet replicaSet)
    {
        ArgumentNullException.ThrowIfNull(replicaSet);
        return replicaSet.Metadata.Labels?.GetValueOrDefault(RolloutApi.PodTemplateHashLabel);
    }

    public static string Describe(CanaryStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step switch
        {
            { SetWeight: { } weight } => string.Create(CultureInfo.InvariantCulture, $"setWeight {weight}"),
            { Pause.Duration: { } duration } => $"pause {(duration.IsString ? duration.StringValue : string.Create(CultureInfo.InvariantCulture, $"{duration.IntValue}s"))}",
            { Pause: not null } => "pause (until promoted)",
            { Analysis: { } analysis } => "analysis " + string.Join(", ", (analysis.Templates ?? []).Select(t => t.TemplateName)),
            { SetCanaryScale: { } scale } => scale switch
            {
                { Weight: { } w } => string.Create(CultureInfo.InvariantCulture, $"setCanaryScale weight {w}"),
                { Replicas: { } r } => string.Create(CultureInfo.InvariantCulture, $"setCanaryScale replicas {r}"),
                _ => "setCanaryScale matchTrafficWeight",
            },
            _ => "unknown step",
        };
    }

    private static string StrategyOf(CanaryStrategy? canary) => canary?.TrafficRouting switch
    {
        { GatewayApi.HttpRoute: { } route } => $"Canary (Gateway API HTTPRoute {route})",
        { Nginx.StableIngress: { } ingress } => $"Canary (NGINX Ingress {ingress})",
        _ => "Canary (replica ratio)",
    };

    private static string Images(IReadOnlyList<Container>? containers) =>
        containers is { Count: > 0 } ? string.Join(", ", containers.Select(c => c.Image ?? "?")) : "-";

    /// <summary>Images of a raw template (spec.template is kept as written, not as a model).</summary>
    private static string Images(JsonElement? template)
    {
        if (template is not { ValueKind: JsonValueKind.Object } t
            || !t.TryGetProperty("spec", out var spec) || spec.ValueKind != JsonValueKind.Object
            || !spec.TryGetProperty("containers", out var containers) || containers.ValueKind != JsonValueKind.Array)
        {
            return "-";
        }

        var images = containers.EnumerateArray()
            .Select(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("image", out var image) && image.ValueKind == JsonValueKind.String ? image.GetString() : "?")
            .ToList();
        return images.Count == 0 ? "-" : string.Join(", ", images);
    }
}
