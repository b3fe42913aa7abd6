using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Core.Tests.Rollouts;

/// <summary>Rollout specs for the tests.</summary>
internal static class RolloutSpecs
{
    public static JsonElement Template(string image) => JsonSerializer.SerializeToElement(new JsonObject
    {
        ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "api" } },
        ["spec"] = new JsonObject
        {
            ["containers"] = new JsonArray { new JsonObject { ["name"] = "api", ["image"] = image } },
        },
    });

    public static CanaryStep Weight(int weight) => new() { SetWeight = weight };

    public static CanaryStep Pause(string? duration = null) =>
        new() { Pause = duration is null ? new PauseStep() : new PauseStep { Duration = IntOrString.FromString(duration) } };

    public static CanaryStep AnalysisStep(string template) => new() { Analysis = new RolloutAnalysis { Templates = [new AnalysisTemplateReference { TemplateName = template }] } };

    public static RolloutSpec Spec(int replicas, params CanaryStep[] steps) => Spec(replicas, steps, canary => canary);

    public static RolloutSpec Spec(int replicas, CanaryStep[] steps, Func<CanaryStrategy, CanaryStrategy> canary) => new()
    {
        Replicas = replicas,
        Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "api" } },
        Template = Template("api:1"),
        Strategy = new RolloutStrategy
        {
            Canary = canary(new CanaryStrategy { StableService = "api-stable", CanaryService = "api-canary", Steps = steps }),
        },
    };

    /// <summary>A world whose first revision (api:1) is already Healthy.</summary>
    public static RolloutWorld HealthyWorld(RolloutSpec spec)
    {
        var world = new RolloutWorld(spec);
        world.RunUntilQuiet();
        Assert.Equal("Healthy", world.Phase);
        world.Events.Clear();
        world.Actions.Clear();
        return world;
    }
}
