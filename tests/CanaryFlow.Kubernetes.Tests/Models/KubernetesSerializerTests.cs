using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Tests.Models;

public class KubernetesSerializerTests
{
    private const string _configMapJson = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"prod"},"data":{"k":"v"}}""";

    [Fact]
    public void Every_input_form_reads_the_same_object()
    {
        var fromString = KubernetesSerializer.Deserialize<ConfigMap>(_configMapJson);
        var fromBytes = KubernetesSerializer.Deserialize<ConfigMap>(Encoding.UTF8.GetBytes(_configMapJson));
        var fromElement = KubernetesSerializer.Deserialize<ConfigMap>(JsonDocument.Parse(_configMapJson).RootElement);
        var fromNode = KubernetesSerializer.Deserialize<ConfigMap>(JsonNode.Parse(_configMapJson)!);

        Assert.All([fromString, fromBytes, fromElement, fromNode], c => Assert.Equal(("c", "prod", "v"), (c.Metadata.Name, c.Metadata.Namespace, c.Data!["k"])));
    }

    [Fact]
    public async Task Streams_read_and_write()
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(_configMapJson));
        var configMap = await KubernetesSerializer.DeserializeAsync<ConfigMap>(input);
        using var output = new MemoryStream();

        await KubernetesSerializer.SerializeAsync(output, configMap);

        Assert.Equal(_configMapJson, Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void Every_output_form_writes_the_same_json()
    {
        var configMap = KubernetesSerializer.Deserialize<ConfigMap>(_configMapJson);

        Assert.Equal(_configMapJson, KubernetesSerializer.Serialize(configMap));
        Assert.Equal(_configMapJson, Encoding.UTF8.GetString(KubernetesSerializer.SerializeToUtf8Bytes(configMap)));
        Assert.Equal(_configMapJson, KubernetesSerializer.SerializeToElement(configMap).GetRawText());
        Assert.Equal(_configMapJson, KubernetesSerializer.SerializeToNode(configMap).ToJsonString());
    }

    [Fact]
    public void Json_null_is_an_error_rather_than_a_null_object()
    {
        Assert.Throws<JsonException>(() => KubernetesSerializer.Deserialize<ConfigMap>("null"));
    }

    [Fact]
    public void Output_escapes_only_what_json_requires()
    {
        var configMap = new ConfigMap { Metadata = new() { Name = "c" }, Data = new Dictionary<string, string> { ["k"] = "größe <b> & 'x' a+b \"q\"" } };

        Assert.Equal(
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"k":"größe <b> & 'x' a+b \"q\""}}""",
            KubernetesSerializer.Serialize(configMap));
    }

    [Fact]
    public void Absent_metadata_and_items_read_as_empty()
    {
        var service = KubernetesSerializer.Deserialize<Service>("{}");
        var list = KubernetesSerializer.Deserialize<KubernetesList<Service>>("""{"metadata":null,"items":null}""");

        Assert.NotNull(service.Metadata);
        Assert.Equal(("v1", "Service"), (service.ApiVersion, service.Kind));
        Assert.NotNull(list.Metadata);
        Assert.Empty(list.Items);
    }

    [Fact]
    public void With_copies_share_unchanged_parts_and_leave_the_original_alone()
    {
        var configMap = KubernetesSerializer.Deserialize<ConfigMap>("""{"metadata":{"name":"c"},"future":1}""");

        var renamed = configMap with { Metadata = configMap.Metadata with { Name = "d" } };

        Assert.Equal("c", configMap.Metadata.Name);
        Assert.Equal("d", renamed.Metadata.Name);
        Assert.Equal(1, renamed.ExtensionData!["future"].GetInt32());
        Assert.Equal(configMap, configMap with { });
    }
}
