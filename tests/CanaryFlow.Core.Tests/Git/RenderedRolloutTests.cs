using System.Text.Json.Nodes;
using CanaryFlow.Core.Git;
using CanaryFlow.Core.Hashing;

namespace CanaryFlow.Core.Tests.Git;

public sealed class RenderedRolloutTests
{
    private const string _template = """{"metadata":{"labels":{"app":"api"}},"spec":{"containers":[{"name":"api","image":"api:v2"}]}}""";

    private static readonly string _hash = PodTemplateHash.Compute(JsonNode.Parse(_template)!.AsObject());

    private static JsonNode Rollout(string name, string? ns, string template = _template, string apiVersion = "canaryflow.io/v1alpha1", string kind = "Rollout")
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        return new JsonObject
        {
            ["apiVersion"] = apiVersion,
            ["kind"] = kind,
            ["metadata"] = metadata,
            ["spec"] = new JsonObject { ["replicas"] = 3, ["template"] = JsonNode.Parse(template) },
        };
    }

    [Fact]
    public void The_template_hash_is_the_controllers_pod_template_hash_of_spec_template()
    {
        var rollouts = RenderedRolloutReader.Read([Rollout("api", "production")]);

        Assert.Equal([new RenderedRollout("production", "api", _hash)], rollouts);
    }

    [Fact]
    public void Only_canaryflow_rollouts_are_read_and_lists_are_opened()
    {
        var list = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray(Rollout("in-list", "production")) };
        var documents = new List<JsonNode?>
        {
            Rollout("argo", "production", apiVersion: "argoproj.io/v1alpha1"),
            Rollout("deployment", "production", kind: "Deployment"),
            JsonValue.Create("a scalar document"),
            null,
            list,
            Rollout("api", null),
        };

        var rollouts = RenderedRolloutReader.Read(documents);

        Assert.Equal(["in-list", "api"], rollouts.Select(r => r.Name));
        Assert.Null(rollouts[1].Namespace);
    }

    [Fact]
    public void A_manifest_naming_the_namespace_wins_over_one_without()
    {
        var other = """{"spec":{"containers":[{"name":"api","image":"api:v9"}]}}""";
        var rollouts = RenderedRolloutReader.Read([Rollout("api", null, other), Rollout("api", "production"), Rollout("api", "staging", other)]);

        var lookup = RolloutTemplateLookup.Find(rollouts, "production", "api");

        Assert.Equal(RolloutTemplateLookupKind.Found, lookup.Kind);
        Assert.True(lookup.Yields(_hash));
    }

    [Fact]
    public void A_manifest_without_a_namespace_matches_the_expected_namespace_when_no_other_names_it()
    {
        var rollouts = RenderedRolloutReader.Read([Rollout("api", null)]);

        Assert.True(RolloutTemplateLookup.Find(rollouts, "production", "api").Yields(_hash));
        Assert.Equal(RolloutTemplateLookupKind.NotFound, RolloutTemplateLookup.Find(rollouts, "production", "web").Kind);
    }

    [Fact]
    public void A_manifest_in_another_namespace_does_not_match()
    {
        var rollouts = RenderedRolloutReader.Read([Rollout("api", "staging")]);

        Assert.Equal(RolloutTemplateLookupKind.NotFound, RolloutTemplateLookup.Find(rollouts, "production", "api").Kind);
    }

    [Fact]
    public void Two_manifests_of_one_rollout_with_different_templates_are_ambiguous_and_yield_nothing()
    {
        var other = """{"spec":{"containers":[{"name":"api","image":"api:v9"}]}}""";
        var rollouts = RenderedRolloutReader.Read([Rollout("api", "production"), Rollout("api", "production", other)]);

        var lookup = RolloutTemplateLookup.Find(rollouts, "production", "api");

        Assert.Equal(RolloutTemplateLookupKind.Ambiguous, lookup.Kind);
        Assert.False(lookup.Yields(_hash));
        Assert.True(RolloutTemplateLookup.Find(RenderedRolloutReader.Read([Rollout("api", "production"), Rollout("api", "production")]), "production", "api").Yields(_hash));
    }

    [Fact]
    public void A_rollout_without_a_template_yields_no_hash()
    {
        var manifest = Rollout("api", "production").AsObject();
        manifest["spec"]!.AsObject().Remove("template");

        var lookup = RolloutTemplateLookup.Find(RenderedRolloutReader.Read([manifest]), "production", "api");

        Assert.Equal(RolloutTemplateLookupKind.WithoutTemplate, lookup.Kind);
    }
}
