using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using FsCheck;
using FsCheck.Fluent;
using static CanaryFlow.Core.Tests.Rollouts.RolloutSpecs;

namespace CanaryFlow.Core.Tests.Rollouts;

public sealed class RolloutValidatorTests
{
    [Theory]
    [InlineData("""{"metadata":{"labels":{"app":"api","tier":3}},"spec":{"containers":[{"name":"api","image":"api:1"}]}}""", "spec.template.metadata.labels.tier")]
    [InlineData("""{"metadata":[],"spec":{"containers":[{"name":"api","image":"api:1"}]}}""", "spec.template.metadata")]
    [InlineData("""{"metadata":{"labels":{"app":"api"}},"spec":[]}""", "spec.template.spec.containers")]
    [InlineData("""{"metadata":{"labels":{"app":"api"}},"spec":{"containers":[{"name":7,"image":"api:1"}]}}""", "spec.template.spec.containers[0].name")]
    [InlineData("""{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"api","image":"api:1"}]}}""", "spec.template.metadata.labels")]
    public void Wrong_shapes_in_the_template_are_problems_naming_the_field(string template, string field)
    {
        var rollout = new RolloutWorld(Spec(1) with { Template = JsonDocument.Parse(template).RootElement.Clone() }).Rollout();

        var problems = RolloutValidator.Validate(rollout);

        Assert.Contains(problems, p => p.Field == field);
    }

    [Theory]
    [InlineData("5x", "spec.strategy.canary.steps[0].pause.duration")]
    [InlineData("-1s", "spec.strategy.canary.steps[0].pause.duration")]
    public void Bad_pause_durations_are_problems(string duration, string field)
    {
        var rollout = new RolloutWorld(Spec(1, Pause(duration))).Rollout();
        Assert.Contains(RolloutValidator.Validate(rollout), p => p.Field == field);
    }

    [Fact]
    public void A_step_with_two_kinds_and_setCanaryScale_without_a_router_are_problems()
    {
        var rollout = new RolloutWorld(Spec(1, new CanaryStep { SetWeight = 10, Pause = new PauseStep() }, new CanaryStep { SetCanaryScale = new SetCanaryScale { Replicas = 1 } })).Rollout();
        var fields = RolloutValidator.Validate(rollout).Select(p => p.Field).ToList();
        Assert.Contains("spec.strategy.canary.steps[0]", fields);
        Assert.Contains("spec.strategy.canary.steps[1].setCanaryScale", fields);
    }

    [Fact]
    public void Any_json_as_a_template_gives_a_decision_never_an_exception() =>
        Prop.ForAll(Arb.From(JsonGenerator()), node =>
        {
            var spec = Spec(2, Weight(50)) with { Template = JsonSerializer.SerializeToElement(node) };
            var decision = RolloutDecider.Decide(new ObservedRollout { Rollout = new RolloutWorld(spec).Rollout() }, DateTimeOffset.UnixEpoch);
            return decision.Status.Phase is "Degraded" or "Progressing";
        }).QuickCheckThrowOnFailure();

    /// <summary>Random JSON shaped roughly like a pod template: objects of the right keys with values of any type.</summary>
    private static Gen<JsonNode?> JsonGenerator()
    {
        var leaf = Gen.OneOf(
            Gen.Constant<JsonNode?>(null),
            Gen.Elements("api", "app", "", "x:1").Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.Choose(-3, 3).Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)));
        var keys = Gen.Elements("metadata", "labels", "app", "spec", "containers", "name", "image");
        Gen<JsonNode?> Node(int depth) => depth == 0
            ? leaf
            : Gen.OneOf(
                leaf,
                Gen.Choose(0, 3).SelectMany(n => Node(depth - 1).ListOf(n)).Select(items => (JsonNode?)new JsonArray([.. items])),
                Gen.Choose(0, 4).SelectMany(n => Gen.Zip(keys, Node(depth - 1)).ListOf(n)).Select(pairs =>
                {
                    var obj = new JsonObject();
                    foreach (var (key, value) in pairs.Select(p => (p.Item1, p.Item2)))
                    {
                        obj[key] = value;
                    }

                    return (JsonNode?)obj;
                }));
        return Node(4);
    }
}
