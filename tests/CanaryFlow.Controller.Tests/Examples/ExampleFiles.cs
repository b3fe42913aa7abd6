using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.LocalCluster.Tests.Infrastructure;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Controller.Tests.Examples;

/// <summary>examples/ as the tests read it: its overlays, rendered by the real <c>kubectl kustomize</c>, and its plain YAML files.</summary>
internal static class ExampleFiles
{
    public static string Root { get; } = RepositoryRoot.File("examples");

    /// <summary>Every overlay of every app, as paths relative to examples/ (apps/storefront/overlays/staging, ...).</summary>
    public static IReadOnlyList<string> Overlays { get; } = [.. Directory.EnumerateDirectories(Path.Combine(Root, "apps"), "*", SearchOption.AllDirectories)
        .Where(d => Path.GetFileName(Path.GetDirectoryName(d)) == "overlays")
        .Select(d => Path.GetRelativePath(Root, d).Replace('\\', '/'))
        .Order(StringComparer.Ordinal)];

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static async Task<IReadOnlyList<JsonObject>> RenderAsync(Kubectl kubectl, string relative)
    {
        var rendered = (await kubectl.RunAsync("kustomize", PathOf(relative))).ShouldSucceed();
        return [.. YamlJsonConverter.ParseAll(rendered.Stdout).OfType<JsonObject>()];
    }

    /// <summary>The documents of one YAML file of examples/.</summary>
    public static IReadOnlyList<JsonObject> Read(string relative) =>
        [.. YamlJsonConverter.ParseAll(File.ReadAllText(PathOf(relative))).OfType<JsonObject>()];

    public static JsonObject Single(IEnumerable<JsonObject> objects, string kind) => Assert.Single(objects, o => Kind(o) == kind);

    public static string Kind(JsonObject o) => o["kind"]!.GetValue<string>();

    public static string Name(JsonObject o) => o["metadata"]!["name"]!.GetValue<string>();

    public static string? Namespace(JsonObject o) => o["metadata"]?["namespace"]?.GetValue<string>();

    public static Rollout ToRollout(JsonObject o) => o.Deserialize(CoreJsonContext.Default.Rollout)!;

    public static AnalysisTemplate ToAnalysisTemplate(JsonObject o) => o.Deserialize(CoreJsonContext.Default.AnalysisTemplate)!;
}
