using System.Globalization;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Controller.Demo;

/// <summary>What the story shows of the Rollout at one moment.</summary>
public sealed record RolloutSnapshot(
    string Phase,
    int? Step,
    int StepCount,
    int CanaryWeight,
    string? CurrentHash,
    string? StableHash,
    string Version,
    bool Aborted,
    string? AbortReason,
    string? Message,
    string? RevertCommit,
    string? GitRevertProblem,
    long Generation,
    long? ObservedGeneration)
{
    public static RolloutSnapshot Of(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var status = rollout.Status;
        var image = rollout.Spec?.Template is { } template
            && template.TryGetProperty("spec", out var spec)
            && spec.TryGetProperty("containers", out var containers)
            && containers.GetArrayLength() > 0
            && containers[0].TryGetProperty("image", out var value)
                ? value.GetString() ?? ""
                : "";
        return new RolloutSnapshot(
            status?.Phase ?? "",
            status?.CurrentStepIndex,
            rollout.Spec?.Strategy?.Canary?.Steps?.Count ?? 0,
            status?.Canary?.Weights?.Canary ?? 0,
            status?.CurrentPodHash,
            status?.StableRs,
            DemoRelease.VersionOfImage(image),
            status?.Abort == true,
            status?.AbortReason,
            status?.Message,
            status?.Git?.RevertCommit,
            status?.Conditions?.FirstOrDefault(c => c.Type == "GitRevertFailed" && c.Status == "True")?.Message,
            rollout.Metadata.Generation ?? 0,
            status?.ObservedGeneration);
    }

    /// <summary>The controller has seen the current spec (a status older than the spec says nothing about it).</summary>
    public bool IsCurrent => ObservedGeneration == Generation;

    /// <summary>Healthy on the current spec, whose template is the stable one.</summary>
    public bool IsHealthy => IsCurrent && Phase == "Healthy" && CurrentHash is not null && CurrentHash == StableHash;

    /// <summary>What changed moments are told by: phase, step and weight.</summary>
    public string Headline => Phase switch
    {
        "Progressing" or "Paused" => string.Create(CultureInfo.InvariantCulture, $"{Phase,-11} step {Math.Min((Step ?? 0) + 1, StepCount)}/{StepCount}, canary weight {CanaryWeight}%"),
        "" => "(no status yet)",
        _ => Phase,
    };
}
