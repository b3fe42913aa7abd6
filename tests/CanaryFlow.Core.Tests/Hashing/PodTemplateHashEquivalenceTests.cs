using System.Text.Json.Nodes;
using CanaryFlow.Core.Hashing;

namespace CanaryFlow.Core.Tests.Hashing;

public class PodTemplateHashEquivalenceTests
{
    [Fact]
    public void Key_order_and_whitespace_do_not_change_the_hash()
    {
        Assert.Equal(Hash(PodTemplates.Full), Hash(PodTemplates.FullShuffled));
        Assert.Equal(Hash(PodTemplates.Full), Hash(PodTemplates.Full.Replace("\n", string.Empty, StringComparison.Ordinal).Replace("  ", string.Empty, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_null_field_hashes_like_an_absent_one()
    {
        var withNulls = PodTemplates.Parse(PodTemplates.Full);
        var container = withNulls["spec"]!["containers"]![0]!.AsObject();
        container["command"] = null;
        container["resources"]!["claims"] = null;
        withNulls["spec"]!["affinity"] = null;
        withNulls["metadata"]!["creationTimestamp"] = null;

        Assert.Equal(Hash(PodTemplates.Full), PodTemplateHash.Compute(withNulls));
    }

    [Fact]
    public void Metadata_that_is_empty_or_only_nulls_hashes_like_no_metadata()
    {
        var expected = Hash(PodTemplates.NoMetadata);

        Assert.Equal(expected, Hash(PodTemplates.EmptyMetadata));
        Assert.Equal(expected, Hash(PodTemplates.NoMetadata.Replace("{\"spec\"", "{\"metadata\": null, \"spec\"", StringComparison.Ordinal)));
        Assert.Equal(expected, Hash(PodTemplates.NoMetadata.Replace("{\"spec\"", "{\"metadata\": {\"creationTimestamp\": null}, \"spec\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Integral_numbers_hash_the_same_however_they_are_written()
    {
        Assert.Equal(Hash(PodTemplates.IntegerNumbers), Hash(PodTemplates.DecimalNumbers));
    }

    [Fact]
    public void Nodes_built_in_code_hash_like_parsed_ones()
    {
        var built = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["terminationGracePeriodSeconds"] = JsonValue.Create(30.0),
                ["containers"] = new JsonArray(new JsonObject
                {
                    ["readinessProbe"] = new JsonObject { ["periodSeconds"] = JsonValue.Create(5m), ["tcpSocket"] = new JsonObject { ["port"] = 8080L } },
                    ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8080 }),
                    ["image"] = "registry.example.com/shop/api:1.4.2",
                    ["name"] = "api",
                }),
            },
            ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "api" } },
        };

        Assert.Equal(Hash(PodTemplates.IntegerNumbers), PodTemplateHash.Compute(built));
    }

    [Fact]
    public void The_template_is_not_modified()
    {
        var template = PodTemplates.Parse(PodTemplates.OneContainerWithCreationTimestamp);
        var before = template.ToJsonString();

        PodTemplateHash.Compute(template);

        Assert.Equal(before, template.ToJsonString());
    }

    [Theory]
    [InlineData("registry.example.com/shop/api:1.4.2", "registry.example.com/shop/api:1.4.3")]
    [InlineData("\"value\": \"info\"", "\"value\": \"debug\"")]
    [InlineData("\"name\": \"LOG_LEVEL\"", "\"name\": \"LOG_FORMAT\"")]
    [InlineData("\"cpu\": \"250m\"", "\"cpu\": \"0.25\"")]
    [InlineData("\"containerPort\": 9090", "\"containerPort\": 9091")]
    [InlineData("\"periodSeconds\": 5", "\"periodSeconds\": 5.5")]
    [InlineData("\"app\": \"api\"", "\"app\": \"API\"")]
    [InlineData("\"prometheus.io/scrape\": \"true\"", "\"prometheus.io/scrape\": true")]
    public void Different_content_gives_a_different_hash(string original, string replacement)
    {
        Assert.Contains(original, PodTemplates.Full, StringComparison.Ordinal);

        Assert.NotEqual(Hash(PodTemplates.Full), Hash(PodTemplates.Full.Replace(original, replacement, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_new_env_var_changes_the_hash()
    {
        var changed = PodTemplates.Parse(PodTemplates.Full);
        changed["spec"]!["containers"]![0]!["env"]!.AsArray().Add(new JsonObject { ["name"] = "FEATURE_X", ["value"] = "on" });

        Assert.NotEqual(Hash(PodTemplates.Full), PodTemplateHash.Compute(changed));
    }

    [Fact]
    public void Array_order_is_content()
    {
        var reordered = PodTemplates.Parse(PodTemplates.Full);
        var env = reordered["spec"]!["containers"]![0]!["env"]!.AsArray();
        var first = env[0]!;
        env.RemoveAt(0);
        env.Add(first);

        Assert.NotEqual(Hash(PodTemplates.Full), PodTemplateHash.Compute(reordered));
    }

    [Fact]
    public void An_empty_object_below_the_top_level_is_content()
    {
        // emptyDir: {} asks for a volume; leaving it out does not.
        var withoutEmptyDir = PodTemplates.Parse(PodTemplates.WithVolumes);
        withoutEmptyDir["spec"]!["volumes"]![1]!.AsObject().Remove("emptyDir");

        Assert.NotEqual(Hash(PodTemplates.WithVolumes), PodTemplateHash.Compute(withoutEmptyDir));
    }

    [Fact]
    public void Empty_labels_are_content_because_the_user_wrote_them()
    {
        Assert.NotEqual(
            Hash(PodTemplates.NoMetadata),
            Hash(PodTemplates.NoMetadata.Replace("{\"spec\"", "{\"metadata\": {\"labels\": {}}, \"spec\"", StringComparison.Ordinal)));
    }

    private static string Hash(string template) => PodTemplateHash.Compute(PodTemplates.Parse(template));
}
