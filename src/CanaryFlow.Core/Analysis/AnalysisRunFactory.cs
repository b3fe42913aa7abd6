using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Core.Analysis;

/// <summary>Where the Rollout's templates are found (the controller's caches).</summary>
public interface IAnalysisTemplateSource
{
    AnalysisTemplateSpec? Namespaced(string ns, string name);

    AnalysisTemplateSpec? Cluster(string name);
}

/// <summary>
/// Builds the AnalysisRun of a step or background analysis: the templates' metrics merged, arguments resolved,
/// owned by the Rollout. A run that cannot be built is still created, already in Error with the reason, so the
/// Rollout sees the failure (and aborts or pauses) instead of waiting for a run that never comes.
/// </summary>
public static class AnalysisRunFactory
{
    public const string BackgroundLabel = "analysis.canaryflow.io/background";

    public static AnalysisRun Create(Rollout rollout, string name, RolloutAnalysis analysis, bool background, IAnalysisTemplateSource templates, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(templates);
        var ns = rollout.Metadata.Namespace ?? "default";
        var canaryHash = rollout.Status?.CurrentPodHash ?? "";
        var metrics = new List<Metric>();
        var args = new List<AnalysisArgument>();
        var dryRun = new List<MetricSelector>();
        var retention = new List<MeasurementRetention>();
        string? problem = null;
        foreach (var reference in analysis.Templates ?? [])
        {
            var spec = reference.ClusterScope == true ? templates.Cluster(reference.TemplateName ?? "") : templates.Namespaced(ns, reference.TemplateName ?? "");
            if (spec is null)
            {
                problem ??= $"{(reference.ClusterScope == true ? "ClusterAnalysisTemplate" : "AnalysisTemplate")} {reference.TemplateName} not found";
                continue;
            }

            foreach (var metric in spec.Metrics ?? [])
            {
                if (metrics.Any(m => m.Name == metric.Name))
                {
                    problem ??= $"metric {metric.Name} is defined by more than one template";
                }

                metrics.Add(metric);
            }

            args.AddRange(spec.Args ?? []);
            dryRun.AddRange(spec.DryRun ?? []);
            retention.AddRange(spec.MeasurementRetention ?? []);
        }

        var merged = AnalysisArguments.Merge(args, analysis.Args, rollout.Status?.StableRs, canaryHash, out var argumentProblem);
        problem ??= argumentProblem;
        var run = new AnalysisRun
        {
            Metadata = new ObjectMeta
            {
                Name = name,
                Namespace = ns,
                Labels = new Dictionary<string, string>
                {
                    [RolloutApi.RolloutNameLabel] = rollout.Metadata.Name ?? "",
                    [RolloutApi.PodTemplateHashLabel] = canaryHash,
                    [BackgroundLabel] = background ? "true" : "false",
                },
                OwnerReferences =
                [
                    new OwnerReference
                    {
                        ApiVersion = RolloutApi.ApiVersion,
                        Kind = "Rollout",
                        Name = rollout.Metadata.Name,
                        Uid = rollout.Metadata.Uid,
                        Controller = true,
                        BlockOwnerDeletion = true,
                    },
                ],
            },
            Spec = new AnalysisRunSpec
            {
                Metrics = metrics,
                Args = merged.Count == 0 ? null : merged,
                DryRun = dryRun.Count == 0 ? null : dryRun,
                MeasurementRetention = retention.Count == 0 ? null : retention,
            },
        };
        return problem is null ? run : run with { Status = new AnalysisRunStatus { Phase = AnalysisPhases.Error, Message = problem, StartedAt = MeasurementTime.Of(now) } };
    }
}
