using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>ConfigMaps are the simplest built-in kind: most protocol points are checked on them.</summary>
public static class ConfigMaps
{
    public static string Path(string ns, string? name = null) =>
        name is null ? $"/api/v1/namespaces/{ns}/configmaps" : $"/api/v1/namespaces/{ns}/configmaps/{name}";

    public static string Body(string name, string? labels = null, string data = """{"k":"v"}""", string? finalizers = null)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (labels is not null)
        {
            metadata["labels"] = JsonNode.Parse(labels);
        }

        if (finalizers is not null)
        {
            metadata["finalizers"] = JsonNode.Parse(finalizers);
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = metadata,
            ["data"] = JsonNode.Parse(data),
        }.ToJsonString();
    }

    public static async Task<JsonNode> CreateAsync(HttpClient http, string ns, string name, string? labels = null, string data = """{"k":"v"}""", string? finalizers = null) =>
        (await http.PostAsync(Path(ns), Body(name, labels, data, finalizers))).Expect(201);
}
