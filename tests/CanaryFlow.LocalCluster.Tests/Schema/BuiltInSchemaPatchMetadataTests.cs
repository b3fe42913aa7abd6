using CanaryFlow.LocalCluster.Schema;

namespace CanaryFlow.LocalCluster.Tests.Schema;

/// <summary>The strategic-merge and server-side-apply metadata kubectl and the server rely on.</summary>
public class BuiltInSchemaPatchMetadataTests
{
    private static readonly BuiltInSchemas _schemas = BuiltInSchemas.Instance;

    [Theory]
    [InlineData("", "Pod", "spec.containers", "merge", "name", "name")]
    [InlineData("", "Pod", "spec.initContainers", "merge", "name", "name")]
    [InlineData("", "Pod", "spec.ephemeralContainers", "merge", "name", "name")]
    [InlineData("", "Pod", "spec.containers[].env", "merge", "name", "name")]
    [InlineData("", "Pod", "spec.containers[].ports", "merge", "containerPort", "containerPort,protocol")]
    [InlineData("", "Pod", "spec.ephemeralContainers[].ports", "merge", "containerPort", "containerPort,protocol")]
    [InlineData("", "Pod", "spec.containers[].volumeMounts", "merge", "mountPath", "mountPath")]
    [InlineData("", "Pod", "spec.containers[].volumeDevices", "merge", "devicePath", "devicePath")]
    [InlineData("", "Pod", "spec.volumes", "merge,retainKeys", "name", "name")]
    [InlineData("", "Pod", "spec.resourceClaims", "merge,retainKeys", "name", "name")]
    [InlineData("", "Pod", "spec.imagePullSecrets", "merge", "name", "name")]
    [InlineData("", "Pod", "spec.hostAliases", "merge", "ip", "ip")]
    [InlineData("", "Pod", "spec.schedulingGates", "merge", "name", "name")]
    [InlineData("", "Pod", "spec.topologySpreadConstraints", "merge", "topologyKey", "topologyKey,whenUnsatisfiable")]
    [InlineData("", "Pod", "status.conditions", "merge", "type", "type")]
    [InlineData("", "Pod", "status.podIPs", "merge", "ip", "ip")]
    [InlineData("", "Pod", "metadata.ownerReferences", "merge", "uid", "uid")]
    [InlineData("", "Service", "spec.ports", "merge", "port", "port,protocol")]
    [InlineData("", "Service", "status.conditions", "merge", "type", "type")]
    [InlineData("", "Namespace", "status.conditions", "merge", "type", "type")]
    [InlineData("apps", "Deployment", "status.conditions", "merge", "type", "type")]
    [InlineData("apps", "ReplicaSet", "status.conditions", "merge", "type", "type")]
    [InlineData("apps", "Deployment", "spec.template.spec.containers", "merge", "name", "name")]
    public void MapLists_MergeByKey(string group, string kind, string path, string strategy, string mergeKey, string mapKeys)
    {
        var list = SchemaPath.At(Kind(group, kind), path);

        Assert.Equal("array", list.Type);
        Assert.Equal(strategy, list.PatchStrategy);
        Assert.True(list.HasPatchStrategy("merge"));
        Assert.Equal(mergeKey, list.PatchMergeKey);
        Assert.Equal("map", list.ListType);
        Assert.Equal(mapKeys.Split(','), list.ListMapKeys);
        foreach (var key in list.ListMapKeys)
        {
            Assert.Contains(key, list.Items!.Properties.Keys);
        }
    }

    [Fact]
    public void Volumes_RetainKeys()
    {
        var volumes = SchemaPath.At(Kind("", "Pod"), "spec.volumes");

        Assert.True(volumes.HasPatchStrategy("retainKeys"));
    }

    [Fact]
    public void Finalizers_AreAMergedSet()
    {
        var finalizers = SchemaPath.At(Kind("", "ConfigMap"), "metadata.finalizers");

        Assert.Equal("merge", finalizers.PatchStrategy);
        Assert.Null(finalizers.PatchMergeKey);
        Assert.Equal("set", finalizers.ListType);
        Assert.Equal("string", finalizers.Items!.Type);
    }

    [Theory]
    [InlineData("", "Pod", "spec.tolerations")]
    [InlineData("", "Pod", "spec.readinessGates")]
    [InlineData("", "Pod", "spec.containers[].command")]
    [InlineData("", "Pod", "spec.containers[].args")]
    [InlineData("", "Pod", "spec.containers[].envFrom")]
    [InlineData("", "Pod", "status.containerStatuses")]
    [InlineData("", "Pod", "metadata.managedFields")]
    [InlineData("", "Service", "spec.clusterIPs")]
    [InlineData("", "Service", "spec.ipFamilies")]
    [InlineData("", "Namespace", "spec.finalizers")]
    [InlineData("networking.k8s.io", "Ingress", "spec.rules")]
    [InlineData("networking.k8s.io", "Ingress", "spec.rules[].http.paths")]
    [InlineData("apiextensions.k8s.io", "CustomResourceDefinition", "spec.versions")]
    public void AtomicLists_HaveNoPatchStrategy(string group, string kind, string path)
    {
        var list = SchemaPath.At(Kind(group, kind), path);

        Assert.Equal("atomic", list.ListType);
        Assert.Null(list.PatchStrategy);
        Assert.Null(list.PatchMergeKey);
    }

    [Fact]
    public void DeploymentStrategy_RetainsKeys()
    {
        var strategy = SchemaPath.At(Kind("apps", "Deployment"), "spec.strategy");

        Assert.Equal("retainKeys", strategy.PatchStrategy);
        Assert.Equal(["type", "rollingUpdate"], strategy.PropertyOrder);
    }

    [Theory]
    [InlineData("apps", "Deployment", "spec.selector")]
    [InlineData("", "Service", "spec.selector")]
    [InlineData("", "Pod", "spec.nodeSelector")]
    [InlineData("", "Pod", "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution")]
    [InlineData("", "Pod", "spec.containers[].env[].valueFrom.configMapKeyRef")]
    [InlineData("", "Pod", "spec.containers[].env[].valueFrom.secretKeyRef")]
    [InlineData("", "Pod", "spec.containers[].env[].valueFrom.fieldRef")]
    [InlineData("", "Pod", "metadata.ownerReferences[]")]
    [InlineData("", "Event", "involvedObject")]
    public void AtomicMaps_AreReplacedWhole(string group, string kind, string path)
    {
        Assert.Equal("atomic", SchemaPath.At(Kind(group, kind), path).MapType);
    }

    [Fact]
    public void LabelsAndAnnotations_AreGranularStringMaps()
    {
        var metadata = SchemaPath.At(Kind("", "Pod"), "metadata");

        foreach (var map in new[] { metadata.Properties["labels"], metadata.Properties["annotations"] })
        {
            Assert.Equal("object", map.Type);
            Assert.Null(map.MapType);
            Assert.Equal("string", map.AdditionalProperties!.Type);
        }
    }

    private static StructuralSchema Kind(string group, string kind) =>
        _schemas.ForKind(group, "v1", kind) ?? throw new Xunit.Sdk.XunitException($"{group}/v1 {kind} is not built in");
}
