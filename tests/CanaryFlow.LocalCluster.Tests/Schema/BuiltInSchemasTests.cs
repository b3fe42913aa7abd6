using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Schema;

namespace CanaryFlow.LocalCluster.Tests.Schema;

public class BuiltInSchemasTests
{
    private static readonly BuiltInSchemas _schemas = BuiltInSchemas.Instance;

    public static TheoryData<string, string, string, string> ServedKinds => new()
    {
        { "", "v1", "Namespace", "io.k8s.api.core.v1.Namespace" },
        { "", "v1", "ConfigMap", "io.k8s.api.core.v1.ConfigMap" },
        { "", "v1", "Secret", "io.k8s.api.core.v1.Secret" },
        { "", "v1", "Service", "io.k8s.api.core.v1.Service" },
        { "", "v1", "Pod", "io.k8s.api.core.v1.Pod" },
        { "", "v1", "Event", "io.k8s.api.core.v1.Event" },
        { "", "v1", "ServiceAccount", "io.k8s.api.core.v1.ServiceAccount" },
        { "rbac.authorization.k8s.io", "v1", "ClusterRole", "io.k8s.api.rbac.v1.ClusterRole" },
        { "rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "io.k8s.api.rbac.v1.ClusterRoleBinding" },
        { "rbac.authorization.k8s.io", "v1", "Role", "io.k8s.api.rbac.v1.Role" },
        { "rbac.authorization.k8s.io", "v1", "RoleBinding", "io.k8s.api.rbac.v1.RoleBinding" },
        { "policy", "v1", "PodDisruptionBudget", "io.k8s.api.policy.v1.PodDisruptionBudget" },
        { "apps", "v1", "ReplicaSet", "io.k8s.api.apps.v1.ReplicaSet" },
        { "apps", "v1", "Deployment", "io.k8s.api.apps.v1.Deployment" },
        { "networking.k8s.io", "v1", "Ingress", "io.k8s.api.networking.v1.Ingress" },
        { "coordination.k8s.io", "v1", "Lease", "io.k8s.api.coordination.v1.Lease" },
        { "events.k8s.io", "v1", "Event", "io.k8s.api.events.v1.Event" },
        { "apiextensions.k8s.io", "v1", "CustomResourceDefinition", "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition" },
        { "autoscaling", "v1", "Scale", "io.k8s.api.autoscaling.v1.Scale" },
    };

    [Fact]
    public void Instance_IsLoadedOnce()
    {
        Assert.Same(BuiltInSchemas.Instance, BuiltInSchemas.Instance);
        Assert.True(_schemas.Definitions.Count > 150, $"only {_schemas.Definitions.Count} definitions loaded");
    }

    [Fact]
    public void EveryDefinition_ResolvesToATreeWithoutRefs()
    {
        foreach (var name in _schemas.Definitions.Keys)
        {
            var schema = _schemas.Resolve(name);
            Assert.Empty(RefsIn(schema.Raw));
            Assert.Same(schema, _schemas.Resolve(name));
        }
    }

    [Fact]
    public void EveryRef_NamesAnExistingDefinition()
    {
        var refs = _schemas.Definitions.Values.SelectMany(RefsIn).ToList();
        Assert.NotEmpty(refs);
        foreach (var reference in refs)
        {
            Assert.StartsWith("#/definitions/", reference, StringComparison.Ordinal);
            Assert.True(_schemas.Definitions.ContainsKey(reference["#/definitions/".Length..]), $"dangling {reference}");
        }
    }

    [Fact]
    public void NoDefinition_DeclaresAnEnum()
    {
        // The real 1.32 OpenAPI of the built-in kinds has no enums (allowed values are checked by Go validation),
        // so an enum here would reject or describe values differently from kube-apiserver.
        foreach (var name in _schemas.Definitions.Keys)
        {
            Assert.DoesNotContain("\"enum\"", _schemas.Resolve(name).Raw.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Definitions_KeepTheirRefsAsWritten()
    {
        var spec = _schemas.Definitions["io.k8s.api.core.v1.Pod"]["properties"]!["spec"]!.AsObject();
        Assert.Equal("#/definitions/io.k8s.api.core.v1.PodSpec", spec["$ref"]!.GetValue<string>());
    }

    [Fact]
    public void Resolve_KeepsTheReferencingFieldsDescription()
    {
        Assert.Equal("Desired behaviour of a pod.", _schemas.Resolve("io.k8s.api.core.v1.PodSpec").Description);
        var spec = _schemas.Resolve("io.k8s.api.core.v1.Pod").Properties["spec"];
        Assert.Equal("Desired behaviour of the pod.", spec.Description);
        Assert.Contains("containers", spec.Properties.Keys);
    }

    [Fact]
    public void Resolve_OfAnUnknownName_Throws()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => _schemas.Resolve("io.k8s.api.core.v1.Nope"));
        Assert.Contains("io.k8s.api.core.v1.Nope", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ServedKinds))]
    public void ForKind_FindsEveryServedKind(string group, string version, string kind, string definition)
    {
        var schema = _schemas.ForKind(group, version, kind);
        Assert.NotNull(schema);
        Assert.Same(_schemas.Resolve(definition), schema);
        Assert.Equal(definition, _schemas.DefinitionNameForKind(group, version, kind));
        Assert.Equal(["apiVersion", "kind", "metadata"], schema.PropertyOrder.Take(3));
        Assert.Contains("managedFields", schema.Properties["metadata"].Properties.Keys);
        var declared = Assert.Single(schema.Raw["x-kubernetes-group-version-kind"]!.AsArray());
        Assert.Equal(group, declared!["group"]!.GetValue<string>());
        Assert.Equal(version, declared["version"]!.GetValue<string>());
        Assert.Equal(kind, declared["kind"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(ServedKinds))]
    public void ForKind_FindsTheListOfEveryServedKind(string group, string version, string kind, string definition)
    {
        if (kind == "Scale")
        {
            // Scale only exists as a subresource and has no list.
            Assert.Null(_schemas.ForKind(group, version, "ScaleList"));
            return;
        }

        var list = _schemas.ForKind(group, version, kind + "List");
        Assert.NotNull(list);
        Assert.Equal(["items"], list.Required);
        Assert.Contains("continue", list.Properties["metadata"].Properties.Keys);
        var items = list.Properties["items"];
        Assert.Equal("array", items.Type);
        Assert.Equal(_schemas.Resolve(definition).PropertyOrder, items.Items!.PropertyOrder);
    }

    [Theory]
    [InlineData("", "v1", "Status")]
    [InlineData("", "v1", "DeleteOptions")]
    [InlineData("apps", "v1", "DeleteOptions")]
    [InlineData("", "v1", "WatchEvent")]
    public void ForKind_FindsTheMetaKinds(string group, string version, string kind)
    {
        var schema = _schemas.ForKind(group, version, kind);
        Assert.NotNull(schema);
        Assert.Equal("object", schema.Type);
        Assert.NotEmpty(schema.Properties);
    }

    [Theory]
    [InlineData("", "v1", "Deployment")]
    [InlineData("apps", "v2", "Deployment")]
    [InlineData("bars.example.com", "v1", "Widget")]
    public void ForKind_OfAnUnknownKind_IsNull(string group, string version, string kind)
    {
        Assert.Null(_schemas.ForKind(group, version, kind));
        Assert.Null(_schemas.DefinitionNameForKind(group, version, kind));
    }

    [Fact]
    public void Kinds_ListsEveryDeclaredKind()
    {
        Assert.Contains(("apps", "v1", "Deployment"), _schemas.Kinds);
        Assert.Contains(("", "v1", "PodList"), _schemas.Kinds);
        Assert.Contains(("events.k8s.io", "v1", "Event"), _schemas.Kinds);
    }

    internal static IEnumerable<string> RefsIn(JsonNode? node) => node switch
    {
        JsonObject o => (o["$ref"] is JsonValue v ? [v.GetValue<string>()] : Array.Empty<string>())
            .Concat(o.Where(p => p.Key is not ("default" or "enum" or "x-kubernetes-group-version-kind")).SelectMany(p => RefsIn(p.Value))),
        JsonArray a => a.SelectMany(RefsIn),
        _ => [],
    };
}
