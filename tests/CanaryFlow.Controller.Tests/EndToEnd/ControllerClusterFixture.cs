using CanaryFlow.LocalCluster;
using CanaryFlow.LocalCluster.Tests.Infrastructure;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Controller.Tests.EndToEnd;

/// <summary>
/// A LocalCluster with simulated pods, CanaryFlow's CRDs and the real Gateway API CRDs installed by real kubectl, as a
/// cluster admin would, shared by the end-to-end and router tests.
/// </summary>
public sealed class ControllerClusterFixture : IAsyncLifetime
{
    public LocalClusterServer Server { get; private set; } = null!;

    public Kubectl Kubectl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await LocalClusterServer.StartAsync(new LocalClusterOptions { PodReadinessDelay = TimeSpan.FromMilliseconds(300) });
        Kubectl = new Kubectl(Server);
        (await Kubectl.RunAsync("apply", "-k", RepositoryRoot.File("crds"))).ShouldSucceed();
        (await Kubectl.RunAsync("apply", "-f", Path.Combine(AppContext.BaseDirectory, "Fixtures", "crds", "gateway-api"))).ShouldSucceed();
        (await Kubectl.RunAsync("wait", "--for=condition=Established", "crd", "--all", "--timeout=30s")).ShouldSucceed();
    }

    public async Task DisposeAsync()
    {
        Kubectl.Dispose();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ControllerClusterCollection : ICollectionFixture<ControllerClusterFixture>
{
    public const string Name = "ControllerCluster";
}
