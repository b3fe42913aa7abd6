using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Tests.Infrastructure;

namespace CanaryFlow.Kubernetes.Tests.Client;

/// <summary>The typed client against LocalCluster over HTTPS with a token: CRUD, typed errors, paging, patches, deletes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ResourceClientTests(ClusterFixture cluster)
{
    private ResourceClient<ConfigMap> ConfigMaps => cluster.Client.Resource<ConfigMap>(ResourceTypes.ConfigMaps);

    [Fact]
    public async Task Creates_reads_replaces_and_deletes_a_config_map()
    {
        var ns = await cluster.CreateNamespaceAsync();
        var created = await ConfigMaps.CreateAsync(new ConfigMap
        {
            Metadata = new ObjectMeta { Name = "settings", Namespace = ns, Labels = new Dictionary<string, string> { ["app"] = "web" } },
            Data = new Dictionary<string, string> { ["mode"] = "blue" },
        });
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);

        var read = await ConfigMaps.GetAsync(ns, "settings");
        Assert.Equal("blue", read.Data!["mode"]);

        var replaced = await ConfigMaps.ReplaceAsync(read with { Data = new Dictionary<string, string> { ["mode"] = "green" } });
        Assert.Equal("green", replaced.Data!["mode"]);
        Assert.NotEqual(read.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);

        var deleted = await ConfigMaps.DeleteAsync(ns, "settings");
        Assert.Equal("Success", deleted.Status?.Outcome);
        Assert.Null(await ConfigMaps.TryGetAsync(ns, "settings"));
    }

    [Fact]
    public async Task Errors_are_typed_and_carry_the_status()
    {
        var ns = await cluster.CreateNamespaceAsync();
        var missing = await Assert.ThrowsAsync<KubernetesApiException>(() => ConfigMaps.GetAsync(ns, "nope"));
        Assert.True(missing.IsNotFound);
        Assert.Equal("NotFound", missing.Reason);
        Assert.Contains("configmaps \"nope\" not found", missing.Message, StringComparison.Ordinal);

        var first = await ConfigMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "dup", Namespace = ns } });
        var exists = await Assert.ThrowsAsync<KubernetesApiException>(() => ConfigMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "dup", Namespace = ns } }));
        Assert.True(exists.IsAlreadyExists);

        await ConfigMaps.ReplaceAsync(first with { Data = new Dictionary<string, string> { ["a"] = "1" } });
        var stale = await Assert.ThrowsAsync<KubernetesApiException>(() => ConfigMaps.ReplaceAsync(first with { Data = new Dictionary<string, string> { ["a"] = "2" } }));
        Assert.True(stale.IsConflict);

        var invalid = await Assert.ThrowsAsync<KubernetesApiException>(() => ConfigMaps.CreateAsync(new ConfigMap
        {
            Metadata = new ObjectMeta { Name = "Not_A_Name", Namespace = ns },
        }));
        Assert.True(invalid.IsInvalid);
        Assert.Contains(invalid.Causes, c => c.Field == "metadata.name" && c.Reason == "FieldValueInvalid");

        var notServed = await Assert.ThrowsAsync<ResourceNotServedException>(() =>
            cluster.Client.Resource<UnstructuredObject>(new ResourceType("widgets.example.com", "v1", "widgets", "Widget", Namespaced: true)).GetAsync(ns, "w"));
        Assert.True(notServed.IsNotFound);
        Assert.Null(notServed.Status);
    }

    [Fact]
    public async Task Replace_without_a_resource_version_is_refused_before_it_is_sent()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ConfigMaps.ReplaceAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "x", Namespace = "default" } }));
        Assert.Contains("resourceVersion", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_every_page_at_one_resource_version()
    {
        var ns = await cluster.CreateNamespaceAsync();
        for (var i = 0; i < 7; i++)
        {
            await ConfigMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = $"cm-{i}", Namespace = ns, Labels = new Dictionary<string, string> { ["n"] = (i % 2).ToString(System.Globalization.CultureInfo.InvariantCulture) } } });
        }

        var firstPage = await ConfigMaps.ListAsync(ns, new ListOptions { Limit = 3 });
        Assert.Equal(3, firstPage.Items.Count);
        Assert.False(string.IsNullOrEmpty(firstPage.Metadata.Continue));

        var all = await ConfigMaps.ListAllAsync(ns, new ListOptions { Limit = 3 });
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"cm-{i}"), all.Items.Select(c => c.Metadata.Name));
        Assert.False(string.IsNullOrEmpty(all.ResourceVersion));

        var odd = await ConfigMaps.ListAllAsync(ns, new ListOptions { LabelSelector = "n=1" });
        Assert.Equal(["cm-1", "cm-3", "cm-5"], odd.Items.Select(c => c.Metadata.Name!));
    }

    [Fact]
    public async Task Patches_merge_json_and_apply()
    {
        var ns = await cluster.CreateNamespaceAsync();
        await ConfigMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "p", Namespace = ns }, Data = new Dictionary<string, string> { ["a"] = "1" } });

        var merged = await ConfigMaps.PatchAsync(ns, "p", Patch.Merge(new JsonObject { ["data"] = new JsonObject { ["b"] = "2" } }));
        Assert.Equal(["a", "b"], merged.Data!.Keys.Order());

        var json = await ConfigMaps.PatchAsync(ns, "p", Patch.Json(new JsonArray(new JsonObject { ["op"] = "remove", ["path"] = "/data/a" })));
        Assert.Equal(["b"], json.Data!.Keys);

        var applied = await ConfigMaps.PatchAsync(ns, "applied", Patch.Apply(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "applied", ["namespace"] = ns },
            ["data"] = new JsonObject { ["owned"] = "yes" },
        }));
        Assert.Equal("yes", applied.Data!["owned"]);

        var failedTest = await Assert.ThrowsAsync<KubernetesApiException>(() => ConfigMaps.PatchAsync(ns, "p",
            Patch.Json(new JsonArray(new JsonObject { ["op"] = "test", ["path"] = "/data/b", ["value"] = "wrong" }))));
        Assert.True(failedTest.IsInvalid);
    }

    [Fact]
    public async Task Replace_status_writes_only_the_status_and_keeps_the_generation()
    {
        var ns = await cluster.CreateNamespaceAsync();
        var replicaSets = cluster.Client.Resource<ReplicaSet>(ResourceTypes.ReplicaSets);
        var created = await replicaSets.CreateAsync(CanaryFlow.Kubernetes.Serialization.KubernetesSerializer.Deserialize<ReplicaSet>("""
            {"metadata":{"name":"rs","namespace":"NS"},"spec":{"replicas":0,"selector":{"matchLabels":{"app":"rs"}},
             "template":{"metadata":{"labels":{"app":"rs"}},"spec":{"containers":[{"name":"c","image":"c:1"}]}}}}
            """.Replace("NS", ns, StringComparison.Ordinal)));
        // The simulated ReplicaSet controller writes status too: re-read and retry on conflict, as a controller does.
        ReplicaSet? updated = null;
        for (var attempt = 0; updated is null; attempt++)
        {
            var current = await replicaSets.GetAsync(ns, "rs");
            try
            {
                updated = await replicaSets.ReplaceStatusAsync(current with
                {
                    Spec = current.Spec! with { Replicas = 5 },
                    Status = current.Status! with { ObservedGeneration = 7 },
                });
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < 5)
            {
            }
        }

        Assert.Equal(7, updated.Status!.ObservedGeneration);
        Assert.Equal(0, updated.Spec!.Replicas);
        Assert.Equal(created.Metadata.Generation, updated.Metadata.Generation);
    }

    [Fact]
    public async Task Delete_with_a_finalizer_pending_returns_the_terminating_object()
    {
        var ns = await cluster.CreateNamespaceAsync();
        await ConfigMaps.CreateAsync(new ConfigMap { Metadata = new ObjectMeta { Name = "held", Namespace = ns, Finalizers = ["example.com/hold"] } });

        var pending = await ConfigMaps.DeleteAsync(ns, "held", new DeleteOptions { PropagationPolicy = "Background" });
        Assert.NotNull(pending.Object?.Metadata.DeletionTimestamp);
        Assert.Null(pending.Status);

        var stale = await Assert.ThrowsAsync<KubernetesApiException>(() => ConfigMaps.DeleteAsync(ns, "held",
            new DeleteOptions { Preconditions = new Preconditions { Uid = "00000000-0000-0000-0000-000000000000" } }));
        Assert.True(stale.IsConflict);

        await ConfigMaps.PatchAsync(ns, "held", Patch.Merge(new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = null } }));
        Assert.Null(await ConfigMaps.TryGetAsync(ns, "held"));
    }

    [Fact]
    public async Task Custom_resources_work_through_unstructured_objects()
    {
        var crds = cluster.Client.Resource<CustomResourceDefinition>(ResourceTypes.CustomResourceDefinitions);
        var definition = KubernetesSerializerRoundTrip<CustomResourceDefinition>("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"gizmos.client.example.com"},
             "spec":{"group":"client.example.com","scope":"Namespaced","names":{"plural":"gizmos","singular":"gizmo","kind":"Gizmo"},
                     "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
                                  "schema":{"openAPIV3Schema":{"type":"object","properties":{"spec":{"type":"object","properties":{"size":{"type":"integer","maximum":10}}},"status":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}}}]}}
            """);
        await crds.CreateAsync(definition);
        var ns = await cluster.CreateNamespaceAsync();
        var gizmos = cluster.Client.Resource<UnstructuredObject>(new ResourceType("client.example.com", "v1", "gizmos", "Gizmo", Namespaced: true));

        var created = await gizmos.CreateAsync(KubernetesSerializerRoundTrip<UnstructuredObject>(
            $$$"""{"apiVersion":"client.example.com/v1","kind":"Gizmo","metadata":{"name":"g1","namespace":"{{{ns}}}"},"spec":{"size":3,"future":"kept?"}}"""));
        Assert.Equal(1, created.Metadata.Generation);

        var invalid = await Assert.ThrowsAsync<KubernetesApiException>(() => gizmos.CreateAsync(KubernetesSerializerRoundTrip<UnstructuredObject>(
            $$$"""{"apiVersion":"client.example.com/v1","kind":"Gizmo","metadata":{"name":"g2","namespace":"{{{ns}}}"},"spec":{"size":42}}""")));
        Assert.Contains(invalid.Causes, c => c.Field == "spec.size");

        var status = await gizmos.PatchAsync(ns, "g1", Patch.Merge(JsonNode.Parse("""{"status":{"ready":true}}""")!), subresource: "status");
        Assert.Equal(1, status.Metadata.Generation);
    }

    private static T KubernetesSerializerRoundTrip<T>(string json) => CanaryFlow.Kubernetes.Serialization.KubernetesSerializer.Deserialize<T>(json);
}
