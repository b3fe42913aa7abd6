using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Patching;

namespace CanaryFlow.LocalCluster.Tests.Patching;

public class StrategicMergePatchDirectiveTests
{
    [Fact]
    public void Replaces_a_map_with_the_patch_replace_directive()
    {
        var result = Apply(
            """{"spec":{"template":{"spec":{"nodeSelector":{"zone":"a","disk":"hdd"}}}}}""",
            """{"spec":{"template":{"spec":{"nodeSelector":{"$patch":"replace","disk":"ssd"}}}}}""");

        JsonAssert.Equal("""{"spec":{"template":{"spec":{"nodeSelector":{"disk":"ssd"}}}}}""", result);
    }

    [Fact]
    public void Empties_a_map_with_the_patch_delete_directive()
    {
        var result = Apply(
            """{"metadata":{"name":"web","labels":{"app":"web","tier":"gold"}}}""",
            """{"metadata":{"labels":{"$patch":"delete"}}}""");

        JsonAssert.Equal("""{"metadata":{"name":"web","labels":{}}}""", result);
    }

    [Fact]
    public void Replaces_a_map_whose_field_has_the_replace_strategy()
    {
        var schema = PatchTestSchemas.Parse("""
            {"type":"object","properties":{"config":{"type":"object","x-kubernetes-patch-strategy":"replace"}}}
            """);

        var result = StrategicMergePatch.Apply(Object("""{"config":{"a":1,"b":2}}"""), Object("""{"config":{"b":3}}"""), schema);

        JsonAssert.Equal("""{"config":{"b":3}}""", result);
    }

    [Fact]
    public void Retain_keys_clears_the_fields_of_the_previous_strategy()
    {
        var result = Apply(
            """{"spec":{"replicas":3,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1,"maxUnavailable":0}}}}""",
            """{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}""");

        JsonAssert.Equal("""{"spec":{"replicas":3,"strategy":{"type":"Recreate"}}}""", result);
    }

    [Fact]
    public void Retain_keys_keeps_listed_fields_the_patch_does_not_mention()
    {
        var result = Apply(
            """{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1},"legacy":true}}}""",
            """{"spec":{"strategy":{"$retainKeys":["type","rollingUpdate"],"type":"RollingUpdate"}}}""");

        JsonAssert.Equal("""{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}""", result);
    }

    [Fact]
    public void Deletes_values_from_a_primitive_list()
    {
        var result = Apply(
            """{"metadata":{"finalizers":["a","b","c"]}}""",
            """{"metadata":{"$deleteFromPrimitiveList/finalizers":["b","missing"]}}""");

        JsonAssert.Equal("""{"metadata":{"finalizers":["a","c"]}}""", result);
    }

    [Fact]
    public void A_deletion_list_for_an_absent_list_changes_nothing()
    {
        var result = Apply("""{"metadata":{"name":"web"}}""", """{"metadata":{"$deleteFromPrimitiveList/finalizers":["b"]}}""");

        JsonAssert.Equal("""{"metadata":{"name":"web"}}""", result);
    }

    [Fact]
    public void Null_deletes_fields_and_is_never_stored()
    {
        var result = Apply(
            """{"metadata":{"labels":{"app":"web","tier":"gold"}},"spec":{"template":{"spec":{"nodeSelector":{"zone":"a"},"nodeName":"n1"}}}}""",
            """
            {"metadata":{"labels":{"tier":null},"annotations":{"a":"1","b":null},"missing":null},
             "spec":{"template":{"spec":{"nodeSelector":null}}}}
            """);

        JsonAssert.Equal(
            """{"metadata":{"labels":{"app":"web"},"annotations":{"a":"1"}},"spec":{"template":{"spec":{"nodeName":"n1"}}}}""",
            result);
    }

    [Fact]
    public void A_new_subtree_is_stored_without_nulls_or_directives()
    {
        var result = Apply(
            """{"spec":{"replicas":1}}""",
            """
            {"spec":{"template":{"spec":{
              "$setElementOrder/containers":[{"name":"a"}],
              "containers":[{"name":"a","image":"a:1","args":null,"env":[{"name":"X","$patch":"delete"}]}],
              "nodeSelector":{"$patch":"replace","disk":"ssd"},
              "nodeName":null}}}}
            """);

        JsonAssert.Equal("""{"spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"a","image":"a:1","env":[]}]}}}}""", result);
    }

    [Fact]
    public void A_value_of_another_type_replaces_the_original()
    {
        var result = Apply(
            """{"spec":{"replicas":1,"extra":"text","other":{"a":1}}}""",
            """{"spec":{"replicas":"2","extra":{"x":null,"y":1},"other":[1]}}""");

        JsonAssert.Equal("""{"spec":{"replicas":"2","extra":{"y":1},"other":[1]}}""", result);
    }

    [Theory]
    [InlineData("""{"metadata":{"labels":{"$patch":"bogus"}}}""")]
    [InlineData("""{"metadata":{"labels":{"$patch":"merge","app":"x"}}}""")]
    [InlineData("""{"spec":{"strategy":{"$retainKeys":"type","type":"Recreate"}}}""")]
    [InlineData("""{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate","rollingUpdate":{"maxSurge":2}}}}""")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveList":["a"]}}""")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveListX/finalizers":["a"]}}""")]
    public void Rejects_invalid_directives(string patch) =>
        Assert.Throws<PatchApplicationException>(() => Apply(
            """{"metadata":{"labels":{"app":"web"},"finalizers":["a"]},"spec":{"strategy":{"type":"RollingUpdate"}}}""",
            patch));

    [Fact]
    public void Leaves_its_inputs_alone_and_shares_no_nodes_with_them()
    {
        var original = Object("""
            {"metadata":{"labels":{"app":"web"},"finalizers":["a","b"]},
             "spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}},
                     "template":{"spec":{"containers":[{"name":"app","image":"app:1","env":[{"name":"A","value":"1"}]},{"name":"side","image":"s:1"}]}}}}
            """);
        var patch = Object("""
            {"metadata":{"labels":{"app":null,"new":"x"},"$deleteFromPrimitiveList/finalizers":["a"],"finalizers":["c"]},
             "spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"},
                     "template":{"spec":{"$setElementOrder/containers":[{"name":"new"},{"name":"app"}],
                                         "containers":[{"name":"new","image":"n:1"},{"name":"app","env":[{"name":"B","value":"2"}]}],
                                         "nodeSelector":{"disk":"ssd"}}}}}
            """);
        var originalBefore = JsonAssert.Compact(original);
        var patchBefore = JsonAssert.Compact(patch);

        var result = StrategicMergePatch.Apply(original, patch, PatchTestSchemas.Deployment);
        var containers = result["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        foreach (var container in containers)
        {
            container!["image"] = "mutated";
        }

        result["spec"]!["template"]!["spec"]!["nodeSelector"]!["disk"] = "mutated";
        result["metadata"]!["finalizers"]!.AsArray().Clear();

        Assert.Equal(originalBefore, JsonAssert.Compact(original));
        Assert.Equal(patchBefore, JsonAssert.Compact(patch));
    }

    private static JsonNode Apply(string original, string patch) =>
        StrategicMergePatch.Apply(Object(original), Object(patch), PatchTestSchemas.Deployment);

    private static JsonObject Object(string json) => JsonNode.Parse(json)!.AsObject();
}
