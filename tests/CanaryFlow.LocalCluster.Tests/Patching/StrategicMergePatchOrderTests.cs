using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Patching;

namespace CanaryFlow.LocalCluster.Tests.Patching;

/// <summary><c>$setElementOrder</c> as kubectl apply emits it, ordered the way apimachinery's normalizeElementOrder orders.</summary>
public class StrategicMergePatchOrderTests
{
    [Fact]
    public void Merges_the_changed_container_and_keeps_the_given_order()
    {
        var result = ApplyToContainers(
            """[{"name":"a","image":"a:1"},{"name":"b","image":"x:1"}]""",
            """{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],"containers":[{"image":"x:2","name":"b"}]}""");

        JsonAssert.Equal("""[{"name":"a","image":"a:1"},{"name":"b","image":"x:2"}]""", result);
    }

    [Fact]
    public void Reorders_the_list_to_the_given_order()
    {
        var result = ApplyToContainers(
            """[{"name":"a","image":"a:1"},{"name":"b","image":"x:1"}]""",
            """{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],"containers":[{"image":"x:2","name":"b"}]}""");

        JsonAssert.Equal("""[{"name":"b","image":"x:2"},{"name":"a","image":"a:1"}]""", result);
    }

    [Fact]
    public void Places_a_new_container_where_the_order_says()
    {
        var result = ApplyToContainers(
            """[{"name":"a","image":"a:1"}]""",
            """{"$setElementOrder/containers":[{"name":"a"},{"name":"n"}],"containers":[{"name":"n","image":"n:1"}]}""");

        JsonAssert.Equal("""[{"name":"a","image":"a:1"},{"name":"n","image":"n:1"}]""", result);
    }

    [Fact]
    public void A_server_only_container_keeps_its_relative_position()
    {
        var result = ApplyToContainers(
            """[{"name":"a","image":"a:1"},{"name":"injected","image":"mesh:1"},{"name":"b","image":"x:1"}]""",
            """{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],"containers":[{"name":"b","image":"x:2"}]}""");

        JsonAssert.Equal("""[{"name":"a","image":"a:1"},{"name":"injected","image":"mesh:1"},{"name":"b","image":"x:2"}]""", result);
    }

    [Fact]
    public void Interleaves_server_only_containers_by_their_live_position_when_reordering()
    {
        // The live list puts "injected" before "b", so it stays ahead of the run the order directive produces.
        var result = ApplyToContainers(
            """[{"name":"a","image":"a:1"},{"name":"injected","image":"mesh:1"},{"name":"b","image":"x:1"}]""",
            """{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],"containers":[{"name":"b","image":"x:2"}]}""");

        JsonAssert.Equal("""[{"name":"injected","image":"mesh:1"},{"name":"b","image":"x:2"},{"name":"a","image":"a:1"}]""", result);
    }

    [Fact]
    public void Orders_a_deletion_together_with_the_remaining_containers()
    {
        var result = ApplyToContainers(
            """[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"},{"name":"c","image":"c:1"}]""",
            """{"$setElementOrder/containers":[{"name":"c"},{"name":"a"}],"containers":[{"$patch":"delete","name":"b"}]}""");

        JsonAssert.Equal("""[{"name":"c","image":"c:1"},{"name":"a","image":"a:1"}]""", result);
    }

    [Fact]
    public void Orders_a_list_the_object_does_not_have_yet()
    {
        var result = Apply(
            """{"spec":{"template":{"spec":{"containers":[{"name":"app"}]}}}}""",
            """
            {"spec":{"template":{"spec":{"$setElementOrder/initContainers":[{"name":"i1"},{"name":"i2"}],
              "initContainers":[{"name":"i1","image":"i:1"},{"name":"i2","image":"i:2"}]}}}}
            """);

        JsonAssert.Equal(
            """{"spec":{"template":{"spec":{"containers":[{"name":"app"}],"initContainers":[{"name":"i1","image":"i:1"},{"name":"i2","image":"i:2"}]}}}}""",
            result);
    }

    [Fact]
    public void Orders_a_primitive_list_then_applies_its_deletion_list()
    {
        var result = Apply(
            """{"metadata":{"finalizers":["a","b","c"]}}""",
            """{"metadata":{"$setElementOrder/finalizers":["a","d"],"$deleteFromPrimitiveList/finalizers":["b"],"finalizers":["d"]}}""");

        JsonAssert.Equal("""{"metadata":{"finalizers":["a","d","c"]}}""", result);
    }

    [Theory]
    [InlineData("""{"$setElementOrder/containers":[{"name":"a"},{"name":"b"}],"containers":[{"name":"b"},{"name":"a"}]}""")]
    [InlineData("""{"$setElementOrder/containers":[{"name":"a"}],"containers":[{"name":"z","image":"z:1"}]}""")]
    [InlineData("""{"$setElementOrder/containers":{"name":"a"},"containers":[{"name":"a"}]}""")]
    [InlineData("""{"$setElementOrder/containers":["a"],"containers":[{"name":"a"}]}""")]
    [InlineData("""{"$setElementOrder":[{"name":"a"}]}""")]
    [InlineData("""{"$setElementOrder/containers":[{"name":"a"}],"containers":{"name":"a"}}""")]
    public void Rejects_order_directives_that_do_not_fit_the_patch(string podSpecPatch) =>
        Assert.Throws<PatchApplicationException>(() => ApplyToContainers(
            """[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"}]""", podSpecPatch));

    private static JsonNode? ApplyToContainers(string containers, string podSpecPatch)
    {
        var result = Apply(
            """{"spec":{"template":{"spec":{"containers":""" + containers + "}}}}",
            """{"spec":{"template":{"spec":""" + podSpecPatch + "}}}");
        return result["spec"]!["template"]!["spec"]!["containers"];
    }

    private static JsonNode Apply(string original, string patch) =>
        StrategicMergePatch.Apply(JsonNode.Parse(original)!.AsObject(), JsonNode.Parse(patch)!.AsObject(), PatchTestSchemas.Deployment);
}
