using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>
/// Namespaces through kubectl: created from a manifest, and deleted by the namespace controller, which empties
/// them first; creating in a terminating namespace is forbidden.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class NamespaceTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task Namespace_applied_from_a_manifest_is_active()
    {
        var name = KubectlSteps.UniqueName("ns");

        var result = (await _kubectl.ApplyAsync(Manifests.Namespace(name))).ShouldSucceed();

        Assert.Equal($"namespace/{name} created", result.Stdout.Trim());
        var row = (await _kubectl.GetTableAsync("namespaces")).Row(name);
        Assert.Equal("Active", row["STATUS"]);
        Assert.Equal(name, await _kubectl.JsonPathAsync("""{.metadata.labels.kubernetes\.io/metadata\.name}""", "namespace", name));
    }

    [Fact]
    public async Task Deleted_namespace_is_emptied_and_then_gone()
    {
        await Widgets.InstallAsync(_kubectl);
        var name = await _kubectl.CreateNamespaceAsync("ns");
        (await _kubectl.ApplyAsync(Widgets.Widget(name, "w", "{size: 1}"))).ShouldSucceed();
        (await _kubectl.ApplyAsync(Manifests.ReplicaSet(name, "web", 1))).ShouldSucceed();

        var result = (await _kubectl.RunAsync("delete", "namespace", name)).ShouldSucceed();

        Assert.Equal($"namespace \"{name}\" deleted", result.Stdout.Trim());
        var missing = (await _kubectl.RunAsync("get", "namespace", name)).ShouldFail();
        Assert.Contains($"Error from server (NotFound): namespaces \"{name}\" not found", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal("", await _kubectl.JsonPathAsync("{.items[*].metadata.name}", "widgets,replicasets,pods", "-n", name));
    }

    [Fact]
    public async Task Terminating_namespace_refuses_new_objects_until_it_is_gone()
    {
        var name = await _kubectl.CreateNamespaceAsync("ns");
        // A finalizer on an object inside keeps the namespace terminating until the test releases it.
        (await _kubectl.ApplyAsync($"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: held
              namespace: {name}
              finalizers: [conformance.canaryflow.io/hold]
            """)).ShouldSucceed();

        (await _kubectl.RunAsync("delete", "namespace", name, "--wait=false")).ShouldSucceed();

        Assert.Equal("Terminating", await _kubectl.JsonPathAsync("{.status.phase}", "namespace", name));
        var refused = (await _kubectl.ApplyAsync(Manifests.ReplicaSet(name, "late", 0))).ShouldFail();
        Assert.Contains($"unable to create new content in namespace {name} because it is being terminated", refused.Stderr, StringComparison.Ordinal);

        (await _kubectl.RunAsync("patch", "configmap", "held", "-n", name, "--type", "merge", "-p", """{"metadata":{"finalizers":null}}""")).ShouldSucceed();
        await Eventually.UntilAsync(
            () => _kubectl.RunAsync("get", "namespace", name),
            get => get.ExitCode != 0 && get.Stderr.Contains("NotFound", StringComparison.Ordinal),
            "the namespace controller finishing the deletion");
    }

    public void Dispose() => _kubectl.Dispose();
}
