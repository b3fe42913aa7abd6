using CanaryFlow.Controller.Tests.EndToEnd;
using CanaryFlow.LocalCluster;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.Cli.Tests.Infrastructure;

/// <summary>A LocalCluster with CanaryFlow's CRDs (installed by real kubectl) and the published plugin on PATH.</summary>
public sealed class PluginCluster : IAsyncLifetime
{
    private readonly ControllerClusterFixture _cluster = new();

    public LocalClusterServer Server => _cluster.Server;

    public Kubectl Kubectl => _cluster.Kubectl;

    public async Task InitializeAsync() =>
        await Task.WhenAll(_cluster.InitializeAsync(), PublishedPlugin.EnsureAsync());

    public Task DisposeAsync() => _cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PluginCollection : ICollectionFixture<PluginCluster>
{
    public const string Name = "Plugin";
}
