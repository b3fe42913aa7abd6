using System.Text.RegularExpressions;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>
/// The real Gateway API CRDs through kubectl: they install, an HTTPRoute as CanaryFlow writes it (weighted
/// backends) is stored with the schema's defaults, and schema violations are refused naming the field.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed partial class GatewayApiTests(LocalClusterFixture cluster) : IDisposable
{
    private static readonly string _crdDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "crds", "gateway-api");

    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task Gateway_api_crds_install_and_a_second_apply_is_unchanged()
    {
        var first = (await _kubectl.RunAsync("apply", "-f", _crdDirectory)).ShouldSucceed();
        var second = (await _kubectl.RunAsync("apply", "-f", _crdDirectory)).ShouldSucceed();

        string[] crds = ["gatewayclasses", "gateways", "grpcroutes", "httproutes", "referencegrants"];
        Assert.Equal(crds, first.Stdout.Trim().Split('\n').Select(line => CrdApplied().Match(line).Groups["plural"].Value));
        Assert.Equal(
            crds.Select(plural => $"customresourcedefinition.apiextensions.k8s.io/{plural}.gateway.networking.k8s.io unchanged"),
            second.Stdout.Trim().Split('\n'));
        Assert.Equal("True", await _kubectl.JsonPathAsync("""{.status.conditions[?(@.type=="Established")].status}""", "crd", "httproutes.gateway.networking.k8s.io"));
    }

    [Fact]
    public async Task Httproute_is_printed_with_its_printer_columns()
    {
        var ns = await CreateRouteAsync();

        var table = await _kubectl.GetTableAsync("httproute", "-n", ns);

        Assert.Equal(["NAME", "HOSTNAMES", "AGE"], table.Columns);
        Assert.Equal("""["web.example.com"]""", table.Row("web")["HOSTNAMES"]);
    }

    [Fact]
    public async Task Httproute_is_stored_with_the_schema_defaults()
    {
        var ns = await CreateRouteAsync();

        var route = await _kubectl.GetJsonAsync("httproute", "web", "-n", ns);

        Assert.Equal("true", (string?)route["metadata"]!["annotations"]!["canaryflow.io/managed"]);
        Assert.Equal("""[{"group":"gateway.networking.k8s.io","kind":"Gateway","name":"gw"}]""", route["spec"]!["parentRefs"]!.ToJsonString());
        var rule = route["spec"]!["rules"]![0]!;
        Assert.Equal(
            """[{"group":"","kind":"Service","name":"web-stable","port":80,"weight":90},{"group":"","kind":"Service","name":"web-canary","port":80,"weight":10}]""",
            rule["backendRefs"]!.ToJsonString());
        Assert.Equal("""[{"name":"x-canary","type":"Exact","value":"true"}]""", rule["matches"]![0]!["headers"]!.ToJsonString());
        Assert.Equal("""{"type":"PathPrefix","value":"/api"}""", rule["matches"]![0]!["path"]!.ToJsonString());
        Assert.Equal("canaryflow", (string?)rule["filters"]![0]!["requestHeaderModifier"]!["add"]![0]!["value"]);
    }

    [Fact]
    public async Task Shifting_the_weights_with_a_json_patch_keeps_the_other_backend_fields()
    {
        var ns = await CreateRouteAsync();

        (await _kubectl.RunAsync("patch", "httproute", "web", "-n", ns, "--type", "json", "-p",
            """[{"op":"replace","path":"/spec/rules/0/backendRefs/0/weight","value":50},{"op":"replace","path":"/spec/rules/0/backendRefs/1/weight","value":50}]"""))
            .ShouldSucceed();

        Assert.Equal(
            "web-stable:80:50 web-canary:80:50",
            (await _kubectl.JsonPathAsync("{range .spec.rules[0].backendRefs[*]}{.name}:{.port}:{.weight} {end}", "httproute", "web", "-n", ns)).Trim());
    }

    [Fact]
    public async Task Httproute_violating_the_schema_is_rejected_naming_the_fields()
    {
        await InstallCrdsAsync();
        var ns = await _kubectl.CreateNamespaceAsync("gw");
        var invalid = Route(ns, "bad").Replace("port: 80, weight: 90", "port: 70000, weight: 90", StringComparison.Ordinal)
            .Replace("weight: 10", "weight: -1", StringComparison.Ordinal);

        var result = (await _kubectl.ApplyAsync(invalid)).ShouldFail();

        Assert.Contains("The HTTPRoute \"bad\" is invalid:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("spec.rules[0].backendRefs[0].port: Invalid value: 70000", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("spec.rules[0].backendRefs[1].weight: Invalid value: -1", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("No resources found", (await _kubectl.RunAsync("get", "httproutes", "-n", ns)).ShouldSucceed().Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _kubectl.Dispose();

    private static string Route(string ns, string name) => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: {{name}}
          namespace: {{ns}}
          annotations:
            canaryflow.io/managed: "true"
        spec:
          parentRefs:
          - name: gw
          hostnames: [web.example.com]
          rules:
          - matches:
            - path: {type: PathPrefix, value: /api}
              headers:
              - {name: x-canary, value: "true"}
            filters:
            - type: RequestHeaderModifier
              requestHeaderModifier:
                add:
                - {name: x-via, value: canaryflow}
            backendRefs:
            - {name: web-stable, port: 80, weight: 90}
            - {name: web-canary, port: 80, weight: 10}
        """;

    [GeneratedRegex(@"^customresourcedefinition\.apiextensions\.k8s\.io/(?<plural>[a-z]+)\.gateway\.networking\.k8s\.io (created|unchanged)$")]
    private static partial Regex CrdApplied();

    private async Task InstallCrdsAsync() => (await _kubectl.RunAsync("apply", "-f", _crdDirectory)).ShouldSucceed();

    private async Task<string> CreateRouteAsync()
    {
        await InstallCrdsAsync();
        var ns = await _kubectl.CreateNamespaceAsync("gw");
        (await _kubectl.ApplyAsync(Route(ns, "web"))).ShouldSucceed();
        return ns;
    }
}
