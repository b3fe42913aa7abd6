using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>
/// kubectl's generator commands (<c>create namespace</c>, <c>create configmap</c>, <c>create secret</c>) build typed
/// objects and send them as protobuf (<c>application/vnd.kubernetes.protobuf</c>), unlike <c>apply</c>, which sends
/// JSON: these pass once LocalCluster decodes protobuf request bodies.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class CreateCommandTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task Create_namespace_creates_an_active_namespace()
    {
        var name = KubectlSteps.UniqueName("created");

        var result = (await _kubectl.RunAsync("create", "namespace", name)).ShouldSucceed();

        Assert.Equal($"namespace/{name} created", result.Stdout.Trim());
        Assert.Equal("Active", await _kubectl.JsonPathAsync("{.status.phase}", "namespace", name));
    }

    [Fact]
    public async Task Create_configmap_from_literals_stores_the_data()
    {
        var ns = await _kubectl.CreateNamespaceAsync("created");

        var result = (await _kubectl.RunAsync("create", "configmap", "settings", "-n", ns, "--from-literal=mode=canary", "--from-literal=weight=10")).ShouldSucceed();

        Assert.Equal("configmap/settings created", result.Stdout.Trim());
        Assert.Equal("""{"mode":"canary","weight":"10"}""", await _kubectl.JsonPathAsync("{.data}", "configmap", "settings", "-n", ns));
    }

    [Fact]
    public async Task Create_secret_generic_stores_base64_data()
    {
        var ns = await _kubectl.CreateNamespaceAsync("created");

        var result = (await _kubectl.RunAsync("create", "secret", "generic", "token", "-n", ns, "--from-literal=token=s3cr3t")).ShouldSucceed();

        Assert.Equal("secret/token created", result.Stdout.Trim());
        Assert.Equal("Opaque czNjcjN0", await _kubectl.JsonPathAsync("{.type} {.data.token}", "secret", "token", "-n", ns));
    }

    public void Dispose() => _kubectl.Dispose();
}
