using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.LocalCluster;
using CanaryFlow.LocalCluster.Tests.Infrastructure;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Controller.Tests.Packaging;

/// <summary>
/// deploy/ rendered once by the real <c>kubectl kustomize</c>, and a fresh LocalCluster (nothing installed, not even
/// the CRDs) to apply it to.
/// </summary>
public sealed class DeployFixture : IAsyncLifetime
{
    public static string DeployDirectory { get; } = RepositoryRoot.File("deploy");

    public LocalClusterServer Server { get; private set; } = null!;

    public Kubectl Kubectl { get; private set; } = null!;

    /// <summary>Every object <c>kubectl kustomize deploy/</c> prints, in its order.</summary>
    public IReadOnlyList<JsonObject> Objects { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Server = await LocalClusterServer.StartAsync(new LocalClusterOptions { PodReadinessDelay = TimeSpan.FromMilliseconds(200) });
        Kubectl = new Kubectl(Server);
        Objects = await RenderAsync(Kubectl, DeployDirectory);
    }

    public JsonObject Single(string kind) => Assert.Single(Objects, o => KindOf(o) == kind);

    public static string KindOf(JsonObject o) => o["kind"]!.GetValue<string>();

    public static string NameOf(JsonObject o) => o["metadata"]!["name"]!.GetValue<string>();

    /// <summary>Runs <c>kubectl kustomize</c> on a directory and parses every document it prints.</summary>
    public static async Task<IReadOnlyList<JsonObject>> RenderAsync(Kubectl kubectl, string directory)
    {
        ArgumentNullException.ThrowIfNull(kubectl);
        var rendered = (await kubectl.RunAsync("kustomize", directory)).ShouldSucceed();
        return [.. YamlJsonConverter.ParseAll(rendered.Stdout).OfType<JsonObject>()];
    }

    public async Task DisposeAsync()
    {
        Kubectl.Dispose();
        await Server.DisposeAsync();
    }
}
