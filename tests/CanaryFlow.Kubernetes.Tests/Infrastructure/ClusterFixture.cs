using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.LocalCluster;

namespace CanaryFlow.Kubernetes.Tests.Infrastructure;

/// <summary>
/// A LocalCluster over HTTPS with a token, and a client connected through the kubeconfig the cluster wrote, exactly
/// as a user's client would connect to a real cluster.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private string _directory = "";

    public LocalClusterServer Server { get; private set; } = null!;
    public KubernetesClient Client { get; private set; } = null!;
    public KubernetesConnection Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await LocalClusterServer.StartAsync(new LocalClusterOptions { PodReadinessDelay = TimeSpan.FromMilliseconds(100) });
        (Connection, _directory) = Connect(Server);
        Client = new KubernetesClient(Connection);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Writes the server's kubeconfig to a temporary directory and loads it.</summary>
    public static (KubernetesConnection Connection, string Directory) Connect(LocalClusterServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var directory = System.IO.Directory.CreateTempSubdirectory("client-").FullName;
        var path = Path.Combine(directory, "kubeconfig");
        server.WriteKubeconfig(path);
        var environment = new KubeconfigEnvironment(_ => null, directory);
        return (KubeconfigLoader.Load(path, environment: environment), directory);
    }

    /// <summary>A namespace of its own for one test, so tests sharing the server do not see each other's objects.</summary>
    public async Task<string> CreateNamespaceAsync()
    {
        var name = "t-" + Guid.NewGuid().ToString("N")[..10];
        await Client.Resource<Namespace>(ResourceTypes.Namespaces).CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = name } });
        return name;
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}
