using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>
/// <c>kubectl patch</c> of built-in kinds, whose default patch type is a strategic merge patch: lists with a merge
/// key are merged element by element instead of being replaced.
/// </summary>
[Collection(LocalClusterCollection.Name)]
public sealed class StrategicMergePatchTests(LocalClusterFixture cluster) : IDisposable
{
    private readonly Kubectl _kubectl = new(cluster.Server);

    [Fact]
    public async Task Service_ports_are_merged_by_port()
    {
        var ns = await _kubectl.CreateNamespaceAsync("smp");
        (await _kubectl.ApplyAsync($$"""
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: {{ns}}}
            spec:
              selector: {app: web}
              ports:
              - {name: http, port: 80, targetPort: 8080}
              - {name: https, port: 443, targetPort: 8443}
            """)).ShouldSucceed();

        (await _kubectl.RunAsync("patch", "service", "web", "-n", ns, "--type", "strategic", "-p",
            """{"spec":{"ports":[{"port":443,"targetPort":9443},{"name":"metrics","port":9090}]}}""")).ShouldSucceed();

        var ports = await _kubectl.JsonPathAsync("{range .spec.ports[*]}{.name}:{.port}:{.targetPort} {end}", "service", "web", "-n", ns);
        Assert.Equal("http:80:8080 https:443:9443 metrics:9090:9090", ports.Trim());
    }

    [Fact]
    public async Task Deployment_containers_are_merged_by_name()
    {
        var ns = await _kubectl.CreateNamespaceAsync("smp");
        (await _kubectl.ApplyAsync($$"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: {{ns}}}
            spec:
              replicas: 0
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - {name: web, image: "web:1"}
                  - {name: proxy, image: "proxy:1"}
            """)).ShouldSucceed();

        (await _kubectl.RunAsync("patch", "deployment", "web", "-n", ns, "-p",
            """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"web:2"}]}}}}""")).ShouldSucceed();

        var deployment = await _kubectl.GetJsonAsync("deployment", "web", "-n", ns);
        var containers = deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["web=web:2", "proxy=proxy:1"], containers.Select(c => $"{c!["name"]}={c["image"]}"));
        Assert.Equal(2, (long?)deployment["metadata"]!["generation"]);
    }

    [Fact]
    public async Task Delete_directive_removes_one_element_of_a_merged_list()
    {
        var ns = await _kubectl.CreateNamespaceAsync("smp");
        (await _kubectl.ApplyAsync($$"""
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: {{ns}}}
            spec:
              ports:
              - {name: http, port: 80}
              - {name: https, port: 443}
            """)).ShouldSucceed();

        (await _kubectl.RunAsync("patch", "service", "web", "-n", ns, "-p", """{"spec":{"ports":[{"port":80,"$patch":"delete"}]}}""")).ShouldSucceed();

        Assert.Equal("https", await _kubectl.JsonPathAsync("{.spec.ports[*].name}", "service", "web", "-n", ns));
    }

    public void Dispose() => _kubectl.Dispose();
}
