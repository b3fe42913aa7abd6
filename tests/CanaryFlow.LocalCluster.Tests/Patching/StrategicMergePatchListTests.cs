using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Patching;

namespace CanaryFlow.LocalCluster.Tests.Patching;

public class StrategicMergePatchListTests
{
    [Fact]
    public void Merges_containers_by_name_and_their_env_by_name()
    {
        var result = Apply(
            """
            {"spec":{"template":{"spec":{"containers":[
              {"name":"app","image":"app:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
              {"name":"sidecar","image":"proxy:1"}]}}}}
            """,
            """
            {"spec":{"template":{"spec":{"containers":[
              {"name":"app","image":"app:2","env":[{"name":"B","value":"3"},{"name":"C","value":"4"}]}]}}}}
            """);

        JsonAssert.Equal(
            """
            {"spec":{"template":{"spec":{"containers":[
              {"name":"app","image":"app:2","env":[{"name":"A","value":"1"},{"name":"B","value":"3"},{"name":"C","value":"4"}]},
              {"name":"sidecar","image":"proxy:1"}]}}}}
            """,
            result);
    }

    [Fact]
    public void Merges_service_ports_by_port_in_the_order_the_real_server_answered()
    {
        var service = """
            {"kind":"Service","apiVersion":"v1","metadata":{"name":"s1","namespace":"tx"},
             "spec":{"ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":8080}],"selector":{"app":"s1"},
                     "clusterIP":"10.0.116.71","clusterIPs":["10.0.116.71"],"type":"ClusterIP"},
             "status":{"loadBalancer":{}}}
            """;
        var patch = """
            {"spec": {"ports": [{"name": "metrics", "port": 9090, "targetPort": 9090}], "selector": {"rollouts-pod-template-hash": "abc123"}}}
            """;

        var result = StrategicMergePatch.Apply(Object(service), Object(patch), PatchTestSchemas.Service);

        // The recorded answer also shows "protocol":"TCP" on the new port: that is defaulting after the merge, not the merge.
        // The selector merges although the schema calls it an atomic map: strategic merge ignores x-kubernetes-map-type.
        JsonAssert.Equal(
            """
            {"kind":"Service","apiVersion":"v1","metadata":{"name":"s1","namespace":"tx"},
             "spec":{"ports":[{"name":"metrics","port":9090,"targetPort":9090},{"name":"http","protocol":"TCP","port":80,"targetPort":8080}],
                     "selector":{"app":"s1","rollouts-pod-template-hash":"abc123"},
                     "clusterIP":"10.0.116.71","clusterIPs":["10.0.116.71"],"type":"ClusterIP"},
             "status":{"loadBalancer":{}}}
            """,
            result);
    }

    [Fact]
    public void New_list_elements_come_before_the_server_only_ones()
    {
        var result = Apply(
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}]}}}}""",
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"C","value":"3"}]}]}}}}""");

        JsonAssert.Equal(
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"C","value":"3"},{"name":"A","value":"1"},{"name":"B","value":"2"}]}]}}}}""",
            result);
    }

    [Fact]
    public void A_later_patch_element_merges_into_an_earlier_new_one_with_the_same_key()
    {
        var result = Apply(
            """{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"a:1"}]}}}}""",
            """{"spec":{"template":{"spec":{"containers":[{"name":"n","image":"n:1"},{"name":"n","args":["-v"]}]}}}}""");

        JsonAssert.Equal(
            """{"spec":{"template":{"spec":{"containers":[{"name":"n","image":"n:1","args":["-v"]},{"name":"a","image":"a:1"}]}}}}""",
            result);
    }

    [Fact]
    public void Deletes_a_container_with_the_patch_delete_directive()
    {
        var result = Apply(
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:1"},{"name":"sidecar","image":"proxy:1"}]}}}}""",
            """{"spec":{"template":{"spec":{"containers":[{"$patch":"delete","name":"sidecar"}]}}}}""");

        JsonAssert.Equal("""{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:1"}]}}}}""", result);
    }

    [Fact]
    public void Replaces_a_whole_list_with_the_patch_replace_marker()
    {
        var result = Apply(
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:1"},{"name":"sidecar","image":"proxy:1"}]}}}}""",
            """{"spec":{"template":{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"only:1"}]}}}}""");

        JsonAssert.Equal("""{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"only:1"}]}}}}""", result);
    }

    [Theory]
    [InlineData("""["a","b"]""", """["b","c"]""", """["a","b","c"]""")]
    [InlineData("""["a","b"]""", """["c"]""", """["c","a","b"]""")]
    [InlineData("""["a","b"]""", """["a","a"]""", """["a","b"]""")]
    [InlineData("""["a","b"]""", """[]""", """["a","b"]""")]
    [InlineData("""[]""", """["x"]""", """["x"]""")]
    public void Merges_primitive_lists_with_merge_strategy_as_a_union_without_duplicates(string original, string patch, string expected)
    {
        var result = Apply(Finalizers(original), Finalizers(patch));

        JsonAssert.Equal(Finalizers(expected), result);
    }

    [Fact]
    public void Replaces_lists_without_merge_strategy_wholesale_even_when_their_list_type_is_map()
    {
        var schema = PatchTestSchemas.Parse("""
            {"type":"object","properties":{"spec":{"type":"object","properties":{
              "routes":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],
                        "items":{"type":"object","properties":{"name":{"type":"string"},"weight":{"type":"integer"}}}}}}}}
            """);

        var result = StrategicMergePatch.Apply(
            Object("""{"spec":{"routes":[{"name":"stable","weight":90},{"name":"canary","weight":10}]}}"""),
            Object("""{"spec":{"routes":[{"name":"canary","weight":50}]}}"""),
            schema);

        JsonAssert.Equal("""{"spec":{"routes":[{"name":"canary","weight":50}]}}""", result);
    }

    [Fact]
    public void Replaces_atomic_and_unannotated_lists_inside_merged_elements()
    {
        var result = Apply(
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","args":["--a","--b"]}],"tolerations":[{"key":"x"},{"key":"y"}]}}}}""",
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","args":["--c"]}],"tolerations":[{"key":"z"}]}}}}""");

        JsonAssert.Equal(
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","args":["--c"]}],"tolerations":[{"key":"z"}]}}}}""",
            result);
    }

    [Fact]
    public void Descends_into_map_valued_schemas_through_additional_properties()
    {
        var schema = PatchTestSchemas.Parse("""
            {"type":"object","properties":{"spec":{"type":"object","properties":{
              "routes":{"type":"object","additionalProperties":{"type":"object","properties":{
                "hosts":{"type":"array","items":{"type":"string"},"x-kubernetes-patch-strategy":"merge"}}}}}}}}
            """);

        var result = StrategicMergePatch.Apply(
            Object("""{"spec":{"routes":{"web":{"hosts":["a.example"],"tls":true}}}}"""),
            Object("""{"spec":{"routes":{"web":{"hosts":["b.example"]}}}}"""),
            schema);

        JsonAssert.Equal("""{"spec":{"routes":{"web":{"hosts":["b.example","a.example"],"tls":true}}}}""", result);
    }

    [Fact]
    public void Merges_unknown_maps_and_replaces_unknown_lists()
    {
        var result = Apply(
            """{"spec":{"extra":{"a":1,"list":[1,2]}}}""",
            """{"spec":{"extra":{"b":2,"list":[3]}}}""");

        JsonAssert.Equal("""{"spec":{"extra":{"a":1,"list":[3],"b":2}}}""", result);
    }

    [Theory]
    [InlineData("""[{"name":"a","$patch":"bogus"}]""")]
    [InlineData("""[{"name":"a","$patch":"merge"}]""")]
    [InlineData("""[{"name":"a","$patch":1}]""")]
    [InlineData("""[{"$patch":"delete"}]""")]
    [InlineData("""[{"image":"no-name:1"}]""")]
    [InlineData("""["app"]""")]
    [InlineData("""[["app"]]""")]
    public void Rejects_list_patches_that_cannot_be_merged(string containers) =>
        Assert.Throws<PatchApplicationException>(() => Apply(
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:1"}]}}}}""",
            """{"spec":{"template":{"spec":{"containers":""" + containers + "}}}}"));

    [Fact]
    public void Rejects_a_merge_list_of_maps_without_a_merge_key()
    {
        var schema = PatchTestSchemas.Parse("""
            {"type":"object","properties":{"items":{"type":"array","x-kubernetes-patch-strategy":"merge","items":{"type":"object"}}}}
            """);

        Assert.Throws<PatchApplicationException>(() =>
            StrategicMergePatch.Apply(Object("""{"items":[{"a":1}]}"""), Object("""{"items":[{"a":2}]}"""), schema));
    }

    private static string Finalizers(string list) => """{"metadata":{"finalizers":""" + list + "}}";

    private static JsonNode Apply(string original, string patch) =>
        StrategicMergePatch.Apply(Object(original), Object(patch), PatchTestSchemas.Deployment);

    private static JsonObject Object(string json) => JsonNode.Parse(json)!.AsObject();
}
