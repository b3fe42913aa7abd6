using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.JsonPath;

namespace CanaryFlow.Kubernetes.Tests.JsonPath;

public class JsonPathEvaluateTests
{
    private readonly JsonNode _pod = PodDocument.Create();

    [Theory]
    [InlineData(".metadata.name", "\"web-7d4b9c\"")]
    [InlineData("{.metadata.name}", "\"web-7d4b9c\"")]
    [InlineData("$.metadata.name", "\"web-7d4b9c\"")]
    [InlineData("{$.metadata.name}", "\"web-7d4b9c\"")]
    [InlineData("  { .metadata.name }  ", "\"web-7d4b9c\"")]
    [InlineData(".metadata['name']", "\"web-7d4b9c\"")]
    [InlineData("$[\"metadata\"][ 'namespace' ]", "\"prod\"")]
    [InlineData(".metadata.labels['app.kubernetes.io/name']", "\"web\"")]
    [InlineData(@".metadata.labels.app\.kubernetes\.io/name", "\"web\"")]
    [InlineData(".spec.containers[0].name", "\"web\"")]
    [InlineData(".spec.containers[-1].name", "\"web-7d4b9c\"")]
    [InlineData(".spec.containers[-3].name", "\"web\"")]
    [InlineData(".spec.containers[1].ports[0].containerPort", "15001")]
    [InlineData(".spec.containers[*].name", "\"web\",\"sidecar\",\"web-7d4b9c\"")]
    [InlineData(".spec.containers.*.image", "\"registry.example/web:2.0\",\"registry.example/proxy:1.9\",\"registry.example/debug:0.1\"")]
    [InlineData(".metadata.labels.*", "\"web\",\"7d4b9c\",\"canary\"")]
    [InlineData(".metadata.labels[*]", "\"web\",\"7d4b9c\",\"canary\"")]
    [InlineData(".spec.containers[1:3].name", "\"sidecar\",\"web-7d4b9c\"")]
    [InlineData(".spec.containers[:2].name", "\"web\",\"sidecar\"")]
    [InlineData(".spec.containers[1:].name", "\"sidecar\",\"web-7d4b9c\"")]
    [InlineData(".spec.containers[-2:].name", "\"sidecar\",\"web-7d4b9c\"")]
    [InlineData(".spec.containers[::2].name", "\"web\",\"web-7d4b9c\"")]
    [InlineData(".spec.containers[0:10:2].name", "\"web\",\"web-7d4b9c\"")]
    [InlineData(".spec.containers[-10:1].name", "\"web\"")]
    [InlineData("..image", "\"registry.example/migrate:1.2\",\"registry.example/web:2.0\",\"registry.example/proxy:1.9\",\"registry.example/debug:0.1\"")]
    [InlineData(".spec..containerPort", "8080,15001")]
    [InlineData("..ports[0].containerPort", "8080,15001")]
    [InlineData(".status..ready", "true,false")]
    [InlineData(".status.conditions[?(@.type==\"Ready\")].status", "\"True\"")]
    [InlineData(".status.conditions[?(@.type=='Ready')].status", "\"True\"")]
    [InlineData("{.status.conditions[?( @.type == \"Ready\" )].status}", "\"True\"")]
    [InlineData(".status.conditions[?(@.status!=\"True\")].type", "\"ContainersReady\"")]
    [InlineData(".status.conditions[?(@.lastProbeTime)].type", "\"Ready\"")]
    [InlineData(".status.conditions[?(\"Ready\"==@.type)].status", "\"True\"")]
    [InlineData(".spec.containers[?(@.ports[0].containerPort > 8080)].name", "\"sidecar\"")]
    [InlineData(".spec.containers[?(@.ports[0].containerPort >= 8080)].name", "\"web\",\"sidecar\"")]
    [InlineData(".spec.containers[?(@.ports[0].containerPort < 8080.5)].name", "\"web\"")]
    [InlineData(".spec.containers[?(@.ports[0].containerPort <= 1.5e4)].name", "\"web\"")]
    [InlineData(".spec.containers[?(@.ports[*].containerPort == 15001)].name", "\"sidecar\"")]
    [InlineData(".spec.containers[?(@.ports)].name", "\"web\",\"sidecar\"")]
    [InlineData(".spec.containers[?(@.name == $.metadata.name)].image", "\"registry.example/debug:0.1\"")]
    [InlineData(".status.containerStatuses[?(@.ready == true)].name", "\"web\"")]
    [InlineData(".status.containerStatuses[?(@.ready != true)].name", "\"sidecar\"")]
    [InlineData(".status.containerStatuses[?(@.restartCount > -1)].name", "\"web\",\"sidecar\"")]
    [InlineData(".status.containerStatuses[?(@.name > \"t\")].name", "\"web\"")]
    [InlineData(".status.conditions[?(@.type == \"Ready\")]", "{\"type\":\"Ready\",\"status\":\"True\",\"lastProbeTime\":\"2026-01-01T00:00:00Z\"}")]
    [InlineData(".metadata.annotations.note", "null")]
    [InlineData(".status.conditions[0].lastProbeTime", "null")]
    public void Selects_values(string path, string expectedJson)
    {
        var results = JsonPathExpression.Parse(path).Evaluate(_pod);

        Assert.Equal(expectedJson, string.Join(",", results.Select(r => r?.ToJsonString() ?? "null")));
    }

    [Theory]
    [InlineData(".spec.missing")]
    [InlineData(".spec.missing.deeper[0]")]
    [InlineData(".spec.nodeName.length")]
    [InlineData(".metadata.name[0]")]
    [InlineData(".metadata[0]")]
    [InlineData(".spec.containers.name")]
    [InlineData(".spec.containers[3]")]
    [InlineData(".spec.containers[-4]")]
    [InlineData(".spec.containers[5:9]")]
    [InlineData(".spec.containers[2:1]")]
    [InlineData(".metadata.name[*]")]
    [InlineData(".metadata[?(@.x)]")]
    [InlineData(".status.conditions[?(@.type==\"Unknown\")].status")]
    [InlineData(".status.conditions[?(@.reason)]")]
    [InlineData(".status.conditions[?(@.type > 5)]")]
    [InlineData(".status.containerStatuses[?(@.ready < true)]")]
    [InlineData("..nothing")]
    public void Missing_or_mismatched_data_selects_nothing(string path)
    {
        Assert.Empty(JsonPathExpression.Parse(path).Evaluate(_pod));
    }

    [Theory]
    [InlineData("$")]
    [InlineData(".")]
    [InlineData("{.}")]
    [InlineData("{$}")]
    public void The_root_selects_the_whole_document(string path)
    {
        var result = Assert.Single(JsonPathExpression.Parse(path).Evaluate(_pod));

        Assert.Same(_pod, result);
    }

    [Fact]
    public void Results_are_the_nodes_of_the_document()
    {
        var status = Assert.Single(JsonPathExpression.Parse(".status").Evaluate(_pod));

        Assert.Same(_pod["status"], status);
    }

    [Fact]
    public void A_null_or_scalar_root_never_throws()
    {
        var path = JsonPathExpression.Parse(".spec.containers[*].image");

        Assert.Empty(path.Evaluate(null));
        Assert.Empty(path.Evaluate(JsonValue.Create(3)));
        Assert.Equal([null], JsonPathExpression.Parse("$").Evaluate(null));
    }

    [Fact]
    public void Filters_compare_numbers_built_in_code_with_parsed_ones()
    {
        var document = new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject { ["n"] = 2 }, new JsonObject { ["n"] = 2.5m }, new JsonObject { ["n"] = "2" }),
        };

        var results = JsonPathExpression.Parse(".items[?(@.n == 2)].n").Evaluate(document);

        Assert.Equal("2", Assert.Single(results)!.ToJsonString());
    }

    [Fact]
    public void Keeps_its_text()
    {
        var path = JsonPathExpression.Parse("{.spec.replicas}");

        Assert.Equal("{.spec.replicas}", path.Expression);
        Assert.Equal("{.spec.replicas}", path.ToString());
    }
}
