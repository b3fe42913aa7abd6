using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Serialization;
using CanaryFlow.LocalCluster.Schema;
using static CanaryFlow.LocalCluster.Tests.Schema.TestSchemas;

namespace CanaryFlow.LocalCluster.Tests.Schema;

/// <summary>The Gateway API v1.6.1 CRDs (the real ones CanaryFlow's routers use) through the schema pipeline.</summary>
public class GatewayApiCrdTests
{
    private const string _httpRoutes = "gateway.networking.k8s.io_httproutes.yaml";

    private const string _canaryRoute = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: web
          namespace: prod
          labels: {app: web}
        spec:
          parentRefs:
          - name: public-gw
            namespace: infra
            sectionName: https
          hostnames: ["web.example.com", "*.web.example.com"]
          rules:
          - matches:
            - path: {type: PathPrefix, value: /api}
              headers:
              - {name: X-Canary, value: "true"}
              method: GET
            filters:
            - type: RequestHeaderModifier
              requestHeaderModifier:
                set:
                - {name: X-Route, value: canary}
            backendRefs:
            - name: web-stable
              port: 8080
              weight: 90
            - name: web-canary
              port: 8080
              weight: 10
        """;

    public static TheoryData<string, int> Versions()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Directory.GetFiles(FixturePath("crds", "gateway-api"), "*.yaml").Order(StringComparer.Ordinal))
        {
            var versions = LoadCrd(Path.GetFileName(file))["spec"]!["versions"]!.AsArray();
            for (var i = 0; i < versions.Count; i++)
            {
                data.Add(Path.GetFileName(file), i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Every_version_schema_is_structural_and_accepted(string file, int version)
    {
        var schema = VersionSchema(file, version);

        Assert.True(CrdSchemaChecker.IsStructural(schema));
        Assert.Empty(CrdSchemaChecker.Check(schema, $"spec.versions[{version}].schema.openAPIV3Schema"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_weighted_canary_route_prunes_nothing_and_validates(int version)
    {
        var schema = VersionSchema(_httpRoutes, version);

        var pruned = SchemaPruner.Prune(YamlJsonConverter.Parse(_canaryRoute), schema, isResourceRoot: true);
        var defaulted = SchemaDefaulter.Default(pruned.Value, schema);

        Assert.Empty(pruned.UnknownFields);
        Assert.Empty(SchemaValidator.Validate(defaulted, schema));
        var backend = defaulted!["spec"]!["rules"]![0]!["backendRefs"]![1]!;
        Assert.Equal("""{"name":"web-canary","port":8080,"weight":10,"group":"","kind":"Service"}""", backend.ToJsonString());
        Assert.Equal("Gateway", defaulted["spec"]!["parentRefs"]![0]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public void Wrong_types_bounds_enums_and_patterns_are_caught()
    {
        var schema = VersionSchema(_httpRoutes, 0);
        var route = YamlJsonConverter.Parse(_canaryRoute)!;
        route["spec"]!["hostnames"]![0] = "Web_Example";
        route["spec"]!["rules"]![0]!["matches"]![0]!["path"]!["type"] = "Glob";
        route["spec"]!["rules"]![0]!["backendRefs"]![1]!["weight"] = "ten";
        route["spec"]!["rules"]![0]!["backendRefs"]![1]!["port"] = 70000;

        var errors = SchemaValidator.Validate(SchemaDefaulter.Default(route, schema), schema).Select(e => e.ToString());

        Assert.Equal(
            [
                "spec.hostnames[0]: Invalid value: \"Web_Example\": spec.hostnames[0] in body should match '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'",
                "spec.rules[0].backendRefs[1].port: Invalid value: 70000: spec.rules[0].backendRefs[1].port in body should be less than or equal to 65535",
                "spec.rules[0].backendRefs[1].weight: Invalid value: \"string\": spec.rules[0].backendRefs[1].weight in body must be of type integer: \"string\"",
                "spec.rules[0].matches[0].path.type: Unsupported value: \"Glob\": supported values: \"Exact\", \"PathPrefix\", \"RegularExpression\"",
            ],
            errors);
    }

    [Fact]
    public void Unknown_fields_are_pruned_with_their_paths()
    {
        var schema = VersionSchema(_httpRoutes, 0);
        var route = YamlJsonConverter.Parse(_canaryRoute)!;
        route["spec"]!["rules"]![0]!["backendRefs"]![0]!["bogus"] = true;
        route["spec"]!["weights"] = new JsonArray(90, 10);

        var pruned = SchemaPruner.Prune(route, schema, isResourceRoot: true);

        Assert.Equal(["spec.rules[0].backendRefs[0].bogus", "spec.weights"], pruned.UnknownFields);
        Assert.Equal(YamlJsonConverter.Parse(_canaryRoute)!.ToJsonString(), pruned.Value!.ToJsonString());
    }

    [Fact]
    public void Repeated_header_names_in_a_list_map_are_duplicates()
    {
        var schema = VersionSchema(_httpRoutes, 0);
        var route = YamlJsonConverter.Parse(_canaryRoute)!;
        route["spec"]!["rules"]![0]!["filters"]!.AsArray().Add(JsonNode.Parse("""{"type": "RequestHeaderModifier", "requestHeaderModifier": {"set": [{"name": "X-Route", "value": "a"}, {"name": "X-Route", "value": "b"}]}}"""));

        var errors = SchemaValidator.Validate(SchemaDefaulter.Default(route, schema), schema).Select(e => e.ToString()).ToArray();

        Assert.Contains("spec.rules[0].filters[1].requestHeaderModifier.set[1]: Duplicate value: {\"name\":\"X-Route\"}", errors);
    }

    private static StructuralSchema VersionSchema(string file, int version) =>
        StructuralSchema.Parse((JsonObject)LoadCrd(file)["spec"]!["versions"]![version]!["schema"]!["openAPIV3Schema"]!);
}
