using System.Text.Json.Nodes;
using CanaryFlow.Core.Hashing;
using CanaryFlow.Core.Rollouts;

namespace CanaryFlow.Core.Tests.Rollouts;

public sealed class RolloutTemplateAnnotationTests
{
    private static JsonObject Template() => JsonNode.Parse("""
        {"spec": {"containers": [{"name": "api", "image": "api:1", "ports": [{"containerPort": 8080.0}]}]},
         "metadata": {"labels": {"app": "api"}, "creationTimestamp": null}}
        """)!.AsObject();

    [Fact]
    public void The_value_is_the_canonical_json_that_was_hashed_and_reads_back_to_the_same_hash()
    {
        var template = Template();

        var value = RolloutTemplateAnnotation.Encode(template);

        Assert.Equal(PodTemplateCanonicalForm.ToJson(template), value);
        Assert.Equal("""{"metadata":{"labels":{"app":"api"}},"spec":{"containers":[{"image":"api:1","name":"api","ports":[{"containerPort":8080}]}]}}""", value);
        var decoded = RolloutTemplateAnnotation.Decode(value, PodTemplateHash.Compute(template));
        Assert.Null(decoded.Problem);
        Assert.Equal(PodTemplateHash.Compute(template), PodTemplateHash.Compute(decoded.Template!));
    }

    [Fact]
    public void A_template_over_the_size_limit_gets_no_annotation()
    {
        var template = Template();
        var env = new JsonArray();
        for (var i = 0; i < 2000; i++)
        {
            env.Add(new JsonObject { ["name"] = $"VAR_{i}", ["value"] = new string('v', 60) });
        }

        template["spec"]!["containers"]![0]!["env"] = env;

        Assert.True(PodTemplateCanonicalForm.ToJson(template).Length > RolloutTemplateAnnotation.MaxBytes);
        Assert.Null(RolloutTemplateAnnotation.Encode(template));
    }

    [Fact]
    public void A_value_that_does_not_hash_to_the_replica_set_is_not_trusted()
    {
        var template = Template();
        var hash = PodTemplateHash.Compute(template);
        var edited = RolloutTemplateAnnotation.Encode(template)!.Replace("api:1", "api:666", StringComparison.Ordinal);

        var decoded = RolloutTemplateAnnotation.Decode(edited, hash);

        Assert.Null(decoded.Template);
        Assert.Equal($"its {RolloutTemplateAnnotation.Key} annotation hashes to {PodTemplateHash.Compute(JsonNode.Parse(edited)!.AsObject())}, not to the ReplicaSet's {hash}", decoded.Problem);
    }

    [Theory]
    [InlineData(null, "it has no rollout.canaryflow.io/template annotation")]
    [InlineData("", "it has no rollout.canaryflow.io/template annotation")]
    [InlineData("[1, 2]", "its rollout.canaryflow.io/template annotation is not a JSON object")]
    [InlineData("{\"spec\":", "its rollout.canaryflow.io/template annotation is not a JSON object")]
    public void A_missing_or_broken_value_says_why(string? value, string problem)
    {
        var decoded = RolloutTemplateAnnotation.Decode(value, "bcdfghjklm");

        Assert.Null(decoded.Template);
        Assert.StartsWith(problem, decoded.Problem, StringComparison.Ordinal);
    }
}
