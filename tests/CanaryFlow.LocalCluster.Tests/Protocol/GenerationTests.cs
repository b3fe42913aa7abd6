using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

[Collection(LocalClusterCollection.Name)]
public sealed class GenerationTests(LocalClusterFixture cluster)
{
    private const string _replicaSet = """
        {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"gen-rs","annotations":{"a":"1"}},
         "spec":{"replicas":0,"selector":{"matchLabels":{"app":"gen"}},
                 "template":{"metadata":{"labels":{"app":"gen"}},"spec":{"containers":[{"name":"web","image":"web:1"}]}}}}
        """;

    [Fact]
    public async Task Strategic_merge_patch_of_the_template_bumps_generation_once()
    {
        var created = await cluster.Http.PostAsync("/apis/apps/v1/namespaces/default/replicasets", _replicaSet);
        created.Expect(201);
        Assert.Equal(1, created.Body!["metadata"]!["generation"]!.GetValue<long>());

        var patch = """{"metadata":{"annotations":{"a":"2"}},"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],"containers":[{"image":"web:2","name":"web"}]}}}}""";
        var patched = await cluster.Http.PatchAsync("/apis/apps/v1/namespaces/default/replicasets/gen-rs", patch, "application/strategic-merge-patch+json");
        patched.Expect(200);
        Assert.Equal("web:2", patched.Body!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal(2, patched.Body!["metadata"]!["generation"]!.GetValue<long>());
    }
}
