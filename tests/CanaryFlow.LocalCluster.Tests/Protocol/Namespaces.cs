using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>Creates the namespaces tests work in.</summary>
public static class Namespaces
{
    /// <summary>Creates a namespace with a unique name starting with <paramref name="prefix"/> and returns that name.</summary>
    public static async Task<string> CreateAsync(HttpClient http, string prefix)
    {
        var name = UniqueNames.For(prefix);
        var created = await http.PostAsync("/api/v1/namespaces", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = name },
        }.Compact());
        created.Expect(201);
        return name;
    }
}
