using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Cli.Lint;

/// <summary>
/// Offline validation with the controller's own code: <see cref="RolloutValidator"/> for Rollouts (what makes the
/// controller set InvalidSpec) and <see cref="AnalysisRunValidator"/> for the metrics of templates (what would end
/// their runs in Error). Shapes the CRD schema would refuse (a string where a number goes) are reported with the
/// field too. Other kinds in the file are left alone.
/// </summary>
internal static class ManifestLinter
{
    public static IReadOnlyList<SpecProblem> Lint(ManifestDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.ApiVersion?.StartsWith("argoproj.io/", StringComparison.Ordinal) == true)
        {
            return [new("apiVersion", $"{document.ApiVersion} is Argo Rollouts': convert it first with kubectl canaryflow convert -f {document.File}")];
        }

        if (document.ApiVersion != RolloutApi.ApiVersion)
        {
            return [];
        }

        var problems = new List<SpecProblem>();
        if (string.IsNullOrEmpty(document.Name))
        {
            problems.Add(new("metadata.name", "Required value"));
        }

        switch (document.Kind)
        {
            case "Rollout":
                if (Read(document, CoreJsonContext.Default.Rollout, problems) is { } rollout)
                {
                    problems.AddRange(RolloutValidator.Validate(rollout));
                }

                break;
            case "AnalysisTemplate":
                if (Read(document, CoreJsonContext.Default.AnalysisTemplate, problems) is { } template)
                {
                    problems.AddRange(Metrics(template.Spec));
                }

                break;
            case "ClusterAnalysisTemplate":
                if (Read(document, CoreJsonContext.Default.ClusterAnalysisTemplate, problems) is { } clusterTemplate)
                {
                    problems.AddRange(Metrics(clusterTemplate.Spec));
                }

                break;
            case "AnalysisRun":
                break;
            default:
                problems.Add(new("kind", $"{document.Kind ?? "(none)"} is not a kind of {RolloutApi.ApiVersion} (Rollout, AnalysisTemplate, ClusterAnalysisTemplate, AnalysisRun)"));
                break;
        }

        return problems;
    }

    private static T? Read<T>(ManifestDocument document, JsonTypeInfo<T> typeInfo, List<SpecProblem> problems)
        where T : class
    {
        try
        {
            return document.Body.Deserialize(typeInfo);
        }
        catch (JsonException e)
        {
            problems.Add(new(Field(e.Path), "wrong type: " + FirstSentence(e.Message)));
            return null;
        }
    }

    /// <summary>A template's metrics judged as the run made of them would be.</summary>
    private static IEnumerable<SpecProblem> Metrics(AnalysisTemplateSpec? spec)
    {
        if (spec is null)
        {
            return [new("spec", "Required value")];
        }

        var run = new AnalysisRun { Metadata = new ObjectMeta(), Spec = new AnalysisRunSpec { Metrics = spec.Metrics, DryRun = spec.DryRun, MeasurementRetention = spec.MeasurementRetention } };
        return AnalysisRunValidator.Validate(run) is { } problem ? [new("spec.metrics", problem)] : [];
    }

    /// <summary>System.Text.Json's <c>$.spec.strategy.canary.steps[1].setWeight</c> as kubectl names fields.</summary>
    private static string Field(string? path) => path is null or "$" ? "(document)" : path.TrimStart('$', '.');

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
