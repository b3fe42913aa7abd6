using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Durations;
using CanaryFlow.Kubernetes.Labels;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;
using LabelSelector = CanaryFlow.Kubernetes.Labels.LabelSelector;

namespace CanaryFlow.Core.Rollouts;

/// <summary>
/// What the CRD schema cannot check: a spec that fails here is reported as InvalidSpec and never touches workloads.
/// The kubectl plugin's lint runs the same code offline.
/// </summary>
public static class RolloutValidator
{
    private static readonly string[] _failurePolicies = ["abort", "pause"];
    private static readonly string[] _revertModes = ["commit", "branch", "none"];

    public static IReadOnlyList<SpecProblem> Validate(Rollout rollout)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var problems = new List<SpecProblem>();
        var spec = rollout.Spec;
        if (spec is null)
        {
            problems.Add(new("spec", "Required value"));
            return problems;
        }

        if (spec.Replicas is < 0)
        {
            problems.Add(new("spec.replicas", $"must be greater than or equal to 0, got {spec.Replicas}"));
        }

        var selector = ValidateSelector(spec, problems);
        var template = ValidateTemplate(spec, problems);
        if (selector is not null && template is not null)
        {
            var labels = ((template["metadata"] as JsonObject)?["labels"] as JsonObject)?
                .ToDictionary(kv => kv.Key, kv => kv.Value?.GetValue<string>() ?? "", StringComparer.Ordinal) ?? [];
            if (!selector.Matches(labels))
            {
                problems.Add(new("spec.template.metadata.labels", $"do not match spec.selector ({selector})"));
            }
        }

        if (spec.ProgressDeadlineSeconds is <= 0)
        {
            problems.Add(new("spec.progressDeadlineSeconds", "must be greater than 0"));
        }

        if (spec.RevisionHistoryLimit is < 0)
        {
            problems.Add(new("spec.revisionHistoryLimit", "must be greater than or equal to 0"));
        }

        ValidateCanary(spec.Strategy?.Canary, problems);
        ValidateGit(spec.Git, problems);
        return problems;
    }

    private static LabelSelector? ValidateSelector(RolloutSpec spec, List<SpecProblem> problems)
    {
        if (spec.Selector is null)
        {
            problems.Add(new("spec.selector", "Required value"));
            return null;
        }

        try
        {
            var selector = LabelSelector.FromLabelSelectorObject(KubernetesSerializer.SerializeToNode(spec.Selector).AsObject());
            if (selector.IsEverything)
            {
                problems.Add(new("spec.selector", "must select something (an empty selector matches every pod)"));
                return null;
            }

            return selector;
        }
        catch (LabelSelectorParseException e)
        {
            problems.Add(new("spec.selector", e.Message));
            return null;
        }
    }

    private static JsonObject? ValidateTemplate(RolloutSpec spec, List<SpecProblem> problems)
    {
        if (spec.Template is not { ValueKind: JsonValueKind.Object } element)
        {
            problems.Add(new("spec.template", "Required value"));
            return null;
        }

        // User data: every shape is checked before it is read, so a wrong type is a problem, never an exception.
        var template = JsonObject.Create(element)!;
        var valid = true;
        if (template["metadata"] is { } metadata)
        {
            if (metadata is not JsonObject metadataObject)
            {
                problems.Add(new("spec.template.metadata", "must be an object"));
                valid = false;
            }
            else if (metadataObject["labels"] is { } labels)
            {
                if (labels is not JsonObject labelObject)
                {
                    problems.Add(new("spec.template.metadata.labels", "must be an object of strings"));
                    valid = false;
                }
                else
                {
                    foreach (var (key, value) in labelObject)
                    {
                        if (value?.GetValueKind() != JsonValueKind.String)
                        {
                            problems.Add(new($"spec.template.metadata.labels.{key}", "must be a string (quote it in YAML)"));
                            valid = false;
                        }
                    }
                }
            }
        }

        if ((template["spec"] as JsonObject)?["containers"] is not JsonArray { Count: > 0 } containers)
        {
            problems.Add(new("spec.template.spec.containers", "at least one container is required"));
            return valid ? template : null;
        }

        for (var i = 0; i < containers.Count; i++)
        {
            var container = containers[i] as JsonObject;
            if (!IsNonEmptyString(container?["name"]))
            {
                problems.Add(new($"spec.template.spec.containers[{i}].name", "Required value"));
            }

            if (!IsNonEmptyString(container?["image"]))
            {
                problems.Add(new($"spec.template.spec.containers[{i}].image", "Required value"));
            }
        }

        return valid ? template : null;
    }

    private static bool IsNonEmptyString(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String && node.GetValue<string>().Length > 0;

    private static void ValidateCanary(CanaryStrategy? canary, List<SpecProblem> problems)
    {
        if (canary is null)
        {
            problems.Add(new("spec.strategy.canary", "Required value: the canary strategy is the only strategy"));
            return;
        }

        var routed = canary.TrafficRouting is not null;
        if (canary.TrafficRouting is { } routing)
        {
            var routers = (routing.GatewayApi is null ? 0 : 1) + (routing.Nginx is null ? 0 : 1);
            if (routers != 1)
            {
                problems.Add(new("spec.strategy.canary.trafficRouting", "exactly one of gatewayAPI or nginx must be set"));
            }

            if (routing.GatewayApi is { } gateway && string.IsNullOrEmpty(gateway.HttpRoute))
            {
                problems.Add(new("spec.strategy.canary.trafficRouting.gatewayAPI.httpRoute", "Required value"));
            }

            if (routing.Nginx is { } nginx && string.IsNullOrEmpty(nginx.StableIngress))
            {
                problems.Add(new("spec.strategy.canary.trafficRouting.nginx.stableIngress", "Required value"));
            }

            if (string.IsNullOrEmpty(canary.StableService) || string.IsNullOrEmpty(canary.CanaryService))
            {
                problems.Add(new("spec.strategy.canary", "trafficRouting needs both stableService and canaryService"));
            }
        }

        if (!string.IsNullOrEmpty(canary.StableService) && canary.StableService == canary.CanaryService)
        {
            problems.Add(new("spec.strategy.canary.canaryService", "must differ from stableService"));
        }

        ValidateSurge(canary.MaxSurge, "spec.strategy.canary.maxSurge", problems);
        ValidateSurge(canary.MaxUnavailable, "spec.strategy.canary.maxUnavailable", problems);
        if (canary.FailurePolicy is { } policy && !_failurePolicies.Contains(policy))
        {
            problems.Add(new("spec.strategy.canary.failurePolicy", $"Unsupported value: \"{policy}\": supported values: \"abort\", \"pause\""));
        }

        var steps = canary.Steps ?? [];
        for (var i = 0; i < steps.Count; i++)
        {
            ValidateStep(steps[i], $"spec.strategy.canary.steps[{i}]", routed, problems);
        }

        if (canary.Analysis is { } background)
        {
            ValidateAnalysis(background, "spec.strategy.canary.analysis", problems);
            if (background.StartingStep is { } start && (start < 0 || start > steps.Count))
            {
                problems.Add(new("spec.strategy.canary.analysis.startingStep", $"must be between 0 and the number of steps ({steps.Count})"));
            }
        }
    }

    private static void ValidateStep(CanaryStep step, string field, bool routed, List<SpecProblem> problems)
    {
        var kinds = (step.SetWeight is null ? 0 : 1) + (step.Pause is null ? 0 : 1) + (step.Analysis is null ? 0 : 1) + (step.SetCanaryScale is null ? 0 : 1);
        if (kinds != 1)
        {
            problems.Add(new(field, "exactly one of setWeight, pause, analysis or setCanaryScale must be set"));
            return;
        }

        if (step.SetWeight is { } weight and (< 0 or > 100))
        {
            problems.Add(new(field + ".setWeight", $"must be between 0 and 100, got {weight}"));
        }

        if (step.Pause?.Duration is { } duration && !KubernetesDuration.TryParse(duration, out _, out var error))
        {
            problems.Add(new(field + ".pause.duration", error!));
        }

        if (step.Analysis is { } analysis)
        {
            ValidateAnalysis(analysis, field + ".analysis", problems);
        }

        if (step.SetCanaryScale is { } scale)
        {
            var set = (scale.Weight is null ? 0 : 1) + (scale.Replicas is null ? 0 : 1) + (scale.MatchTrafficWeight == true ? 1 : 0);
            if (set != 1)
            {
                problems.Add(new(field + ".setCanaryScale", "exactly one of weight, replicas or matchTrafficWeight must be set"));
            }

            if (!routed)
            {
                problems.Add(new(field + ".setCanaryScale", "needs trafficRouting (without a router the replica ratio is the weight)"));
            }

            if (scale.Weight is { } w and (< 0 or > 100))
            {
                problems.Add(new(field + ".setCanaryScale.weight", $"must be between 0 and 100, got {w}"));
            }

            if (scale.Replicas is < 0)
            {
                problems.Add(new(field + ".setCanaryScale.replicas", "must be greater than or equal to 0"));
            }
        }
    }

    private static void ValidateAnalysis(RolloutAnalysis analysis, string field, List<SpecProblem> problems)
    {
        var templates = analysis.Templates ?? [];
        if (templates.Count == 0)
        {
            problems.Add(new(field + ".templates", "at least one template is required"));
        }

        for (var i = 0; i < templates.Count; i++)
        {
            if (string.IsNullOrEmpty(templates[i].TemplateName))
            {
                problems.Add(new($"{field}.templates[{i}].templateName", "Required value"));
            }
        }

        var args = analysis.Args ?? [];
        for (var i = 0; i < args.Count; i++)
        {
            if (string.IsNullOrEmpty(args[i].Name))
            {
                problems.Add(new($"{field}.args[{i}].name", "Required value"));
            }
        }
    }

    private static void ValidateSurge(IntOrString? value, string field, List<SpecProblem> problems)
    {
        if (value is not { } v)
        {
            return;
        }

        if (v.IsString)
        {
            var text = v.StringValue;
            if (!text.EndsWith('%') || !int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var percent) || percent > 100)
            {
                problems.Add(new(field, $"must be an integer or a percentage like \"25%\", got \"{text}\""));
            }
        }
        else if (v.IntValue < 0)
        {
            problems.Add(new(field, "must be greater than or equal to 0"));
        }
    }

    private static void ValidateGit(GitSpec? git, List<SpecProblem> problems)
    {
        if (git is null)
        {
            return;
        }

        if (string.IsNullOrEmpty(git.RepoUrl))
        {
            problems.Add(new("spec.git.repoURL", "Required value"));
        }

        if (string.IsNullOrEmpty(git.Path))
        {
            problems.Add(new("spec.git.path", "Required value"));
        }

        if (git.Revert is { } revert && !_revertModes.Contains(revert))
        {
            problems.Add(new("spec.git.revert", $"Unsupported value: \"{revert}\": supported values: \"commit\", \"branch\", \"none\""));
        }
    }
}
