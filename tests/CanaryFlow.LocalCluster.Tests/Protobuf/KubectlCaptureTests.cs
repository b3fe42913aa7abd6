using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Protobuf;
using CanaryFlow.LocalCluster.Tests.Patching;

namespace CanaryFlow.LocalCluster.Tests.Protobuf;

/// <summary>
/// Decodes request bodies captured from kubectl v1.32 and compares them with what the same command prints with
/// <c>--dry-run=client -o json</c> (see Fixtures/protobuf/README.md): the JSON a server would have received had kubectl sent JSON.
/// </summary>
public class KubectlCaptureTests
{
    [Theory]
    [InlineData("namespace")]
    [InlineData("configmap")]
    [InlineData("secret")]
    [InlineData("service")]
    [InlineData("deployment")]
    [InlineData("deployment-command")]
    public void Captured_kubectl_create_bodies_decode_to_the_JSON_kubectl_would_send(string name)
    {
        var decoded = KubernetesProtobuf.Decode(File.ReadAllBytes(FixturePath(name + ".pb")));
        var expected = JsonNode.Parse(File.ReadAllText(FixturePath(name + ".json")))!.AsObject();

        // kubectl prints kind before apiVersion; the decoder puts apiVersion first, so the type fields are compared on their own.
        Assert.Equal(["apiVersion", "kind"], decoded.Select(p => p.Key).Take(2));
        Assert.Equal(expected["apiVersion"]!.GetValue<string>(), Take(decoded, "apiVersion"));
        Assert.Equal(expected["kind"]!.GetValue<string>(), Take(decoded, "kind"));
        expected.Remove("apiVersion");
        expected.Remove("kind");
        JsonAssert.Equal(expected.ToJsonString(), decoded);
    }

    private static string Take(JsonObject obj, string name)
    {
        var value = obj[name]!.GetValue<string>();
        obj.Remove(name);
        return value;
    }

    private static string FixturePath(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "protobuf", file);
}
