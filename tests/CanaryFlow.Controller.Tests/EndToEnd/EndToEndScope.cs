using System.Globalization;
using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Tests.Infrastructure;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Controller.Tests.EndToEnd;

/// <summary>
/// One end-to-end test's world: its own namespace on the shared LocalCluster, the controller processes it started,
/// and the kubectl reads the tests make, as a person would.
/// </summary>
public sealed class EndToEndScope : IAsyncDisposable
{
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    private readonly List<ControllerProcess> _controllers = [];

    private EndToEndScope(Kubectl kubectl, string ns)
    {
        Kubectl = kubectl;
        Namespace = ns;
    }

    public Kubectl Kubectl { get; }

    public string Namespace { get; }

    /// <summary>A fresh namespace named <paramref name="prefix"/>-random, with the stable and canary Services.</summary>
    public static async Task<EndToEndScope> CreateAsync(Kubectl kubectl, string prefix = "e2e")
    {
        var scope = new EndToEndScope(kubectl, prefix + "-" + Guid.NewGuid().ToString("N")[..8]);
        (await kubectl.RunAsync("create", "namespace", scope.Namespace)).ShouldSucceed();
        await scope.ApplyAsync(RolloutManifests.Services(scope.Namespace));
        return scope;
    }

    public ControllerProcess StartController(params string[] extra)
    {
        var controller = ControllerProcess.Start(Kubectl.KubeconfigPath, Namespace, extra);
        _controllers.Add(controller);
        return controller;
    }

    /// <summary><c>kubectl get ... -o jsonpath=template</c>.</summary>
    public async Task<string> JsonPathAsync(string template, params string[] arguments) =>
        (await Kubectl.RunAsync(["get", .. arguments, "-o", $"jsonpath={template}"])).ShouldSucceed().Stdout;

    public async Task ApplyAsync(string manifest) => (await Kubectl.RunAsync(manifest, Long, "apply", "-f", "-")).ShouldSucceed();

    /// <summary><c>kubectl get KIND NAME -o json</c> in this namespace.</summary>
    public async Task<JsonNode> GetAsync(string kind, string name)
    {
        var result = (await Kubectl.RunAsync("get", kind, name, "-n", Namespace, "-o", "json")).ShouldSucceed();
        return JsonNode.Parse(result.Stdout)!;
    }

    public Task<JsonNode> RolloutAsync() => GetAsync("rollout", "api");

    /// <summary>The Events about objects of <paramref name="kind"/>, oldest first.</summary>
    public async Task<List<JsonNode>> EventsAsync(string kind = "Rollout")
    {
        var result = (await Kubectl.RunAsync("get", "events.v1.events.k8s.io", "-n", Namespace, "--field-selector", "regarding.kind=" + kind, "-o", "json")).ShouldSucceed();
        return [.. JsonNode.Parse(result.Stdout)!["items"]!.AsArray()
            .OrderBy(e => e!["metadata"]!["creationTimestamp"]!.GetValue<string>(), StringComparer.Ordinal)
            .ThenBy(e => long.Parse(e!["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture))
            .Select(e => e!)];
    }

    public async Task<List<string>> EventReasonsAsync(string kind = "Rollout") =>
        [.. (await EventsAsync(kind)).Select(e => e["reason"]!.GetValue<string>())];

    public static string Phase(JsonNode obj) => Status(obj, "phase");

    /// <summary>A dotted path under <c>status</c> as text; "" when absent.</summary>
    public static string Status(JsonNode obj, string path)
    {
        JsonNode? node = obj["status"];
        foreach (var part in path.Split('.'))
        {
            node = node?[part];
        }

        return node?.ToString() ?? "";
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var controller in _controllers)
        {
            await controller.DisposeAsync();
        }
    }
}
