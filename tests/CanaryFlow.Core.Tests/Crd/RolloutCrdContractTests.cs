using System.Reflection;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;

namespace CanaryFlow.Core.Tests.Crd;

/// <summary>
/// The parts of crds/rollout.yaml that name things the controller defines: enums must list what the controller
/// writes and accepts, and the scale subresource must point at fields the schema has.
/// </summary>
public sealed class RolloutCrdContractTests
{
    [Fact]
    public void Phase_enum_is_the_phases_of_the_state_machine()
    {
        // A phase missing here would make the API server refuse the controller's status update.
        Assert.Equal(Enum.GetNames<RolloutPhase>(), EnumValues("status.phase"));
    }

    [Fact]
    public void Pause_reason_enum_is_the_reasons_the_controller_writes()
    {
        var reasons = typeof(PauseReasons).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!);

        Assert.Equal(reasons.Order(StringComparer.Ordinal), EnumValues("status.pauseConditions[*].reason").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_conditions_description_names_every_condition_type_and_traffic_routing_reason()
    {
        // The schema cannot enumerate condition types (metav1.Condition allows any); its description is what a person
        // reads in kubectl explain, so it must name what the controller writes.
        var description = (string)ShippedCrd.Rollout.NodeAt("status.conditions")["description"]!;
        var names = Constants(typeof(RolloutConditions)).Concat(Constants(typeof(TrafficRoutingReasons)));

        Assert.All(names, name => Assert.Matches($@"\b{name}\b", description));
    }

    [Fact]
    public void Every_failure_policy_the_crd_allows_is_accepted_by_the_validator()
    {
        foreach (var policy in EnumValues("spec.strategy.canary.failurePolicy"))
        {
            var rollout = new Rollout { Spec = new RolloutSpec { Strategy = new() { Canary = new() { FailurePolicy = policy } } } };

            Assert.DoesNotContain(RolloutValidator.Validate(rollout), p => p.Field == "spec.strategy.canary.failurePolicy");
        }
    }

    [Fact]
    public void Every_revert_mode_the_crd_allows_is_accepted_by_the_validator()
    {
        foreach (var revert in EnumValues("spec.git.revert"))
        {
            var rollout = new Rollout { Spec = new RolloutSpec { Git = new GitSpec { RepoUrl = "https://git.example.com/c.git", Path = "app", Revert = revert } } };

            Assert.DoesNotContain(RolloutValidator.Validate(rollout), p => p.Field == "spec.git.revert");
        }
    }

    [Fact]
    public void Scale_subresource_paths_point_at_schema_fields()
    {
        var scale = ShippedCrd.Rollout.Version()["subresources"]!["scale"]!;

        Assert.Equal("integer", (string?)ShippedCrd.Rollout.NodeAt(((string)scale["specReplicasPath"]!).TrimStart('.'))["type"]);
        Assert.Equal("integer", (string?)ShippedCrd.Rollout.NodeAt(((string)scale["statusReplicasPath"]!).TrimStart('.'))["type"]);
        Assert.Equal("string", (string?)ShippedCrd.Rollout.NodeAt(((string)scale["labelSelectorPath"]!).TrimStart('.'))["type"]);
    }

    private static IEnumerable<string> Constants(Type type) => type.GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!);

    private static string[] EnumValues(string path) =>
        [.. ShippedCrd.Rollout.NodeAt(path)["enum"]!.AsArray().Select(v => (string)v!)];
}
