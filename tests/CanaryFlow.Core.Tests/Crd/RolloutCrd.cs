using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Core.Tests.Crd;

/// <summary>crds/rollout.yaml as the repository ships it, parsed the way kubectl reads YAML.</summary>
public static class RolloutCrd
{
    public static string FilePath { get; } = RepositoryRoot.File("crds", "rollout.yaml");

    /// <summary>A fresh copy on every call, so a test may change it.</summary>
    public static JsonObject Load() => YamlJsonConverter.Parse(File.ReadAllText(FilePath))!.AsObject();

    /// <summary>The openAPIV3Schema of the only version.</summary>
    public static JsonObject Schema(JsonObject? crd = null)
    {
        var version = Assert.Single((crd ?? Load())["spec"]!["versions"]!.AsArray());
        return version!["schema"]!["openAPIV3Schema"]!.AsObject();
    }

    /// <summary>
    /// The schema node at a field path as <see cref="CrdSchemaComparer"/> writes them: <c>a.b</c> for properties,
    /// <c>[*]</c> for list items, <c>{*}</c> for map values.
    /// </summary>
    public static JsonObject NodeAt(JsonObject schema, string path)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(path);
        var node = schema;
        foreach (var name in path.Replace("[*]", ".[*]", StringComparison.Ordinal).Replace("{*}", ".{*}", StringComparison.Ordinal).Split('.'))
        {
            node = name switch
            {
                "[*]" => node["items"]!.AsObject(),
                "{*}" => node["additionalProperties"]!.AsObject(),
                _ => node["properties"]![name]!.AsObject(),
            };
        }

        return node;
    }
}
