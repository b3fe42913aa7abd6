using System.Diagnostics;
using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Tests.Shared;

namespace CanaryFlow.Benchmarks;

/// <summary>
/// Wall time of <c>kubectl canaryflow get rollout X</c> (kubectl's plugin discovery, then the published plugin) next
/// to <c>kubectl get rollout X -o json</c> on the same LocalCluster, alternating so both see the same server. The
/// Rollout has a canary in flight (two ReplicaSets, pods), and other namespaces hold N ReplicaSets the plugin must
/// not read. Also times kubectl's own start and the plugin alone, to show where the time goes.
/// </summary>
internal static class PluginBenchmark
{
    private const string _ns = "bench-plugin";

    public static async Task RunAsync(LocalClusterProcess cluster, KubernetesClient client, int noise, int rounds, string? pluginDirectory, CancellationToken cancellationToken)
    {
        var plugin = pluginDirectory ?? await PublishAsync(cluster, cancellationToken);
        await Kubectl.RunAsync(cluster, "apply", "-k", RepositoryRoot.File("crds"));
        await Kubectl.RunAsync(cluster, "wait", "--for=condition=Established", "crd", "--all", "--timeout=60s");
        await Kubectl.RunAsync(cluster, "create", "namespace", "noise");
        await Population.ReplicaSetsAsync(client, "noise", noise);
        await CanaryInFlightAsync(cluster, cancellationToken);

        string[] viaPlugin = ["canaryflow", "get", "rollout", "api", "-n", _ns];
        string[] viaKubectl = ["get", "rollout", "api", "-n", _ns, "-o", "json"];
        string[] kubectlStart = ["version", "--client"];

        // The floor of any plugin: kubectl's start, its plugin lookup and an exec of a program that does nothing.
        var noop = Directory.CreateDirectory(Path.Combine(cluster.Directory, "noop-plugin")).FullName;
        File.CreateSymbolicLink(Path.Combine(noop, "kubectl-noop"), "/bin/true");
        plugin = plugin + Path.PathSeparator + noop;
        string[] viaNoop = ["noop"];
        var timings = new Dictionary<string, List<double>> { ["plugin"] = [], ["kubectl"] = [], ["kubectl start"] = [], ["plugin alone"] = [], ["noop plugin"] = [] };

        // Warm both once (kubectl's discovery cache, the page cache), then alternate.
        await TimeAsync(cluster, plugin, "kubectl", viaPlugin);
        await TimeAsync(cluster, plugin, "kubectl", viaKubectl);
        for (var round = 0; round < rounds; round++)
        {
            timings["plugin"].Add(await TimeAsync(cluster, plugin, "kubectl", viaPlugin));
            timings["kubectl"].Add(await TimeAsync(cluster, plugin, "kubectl", viaKubectl));
            timings["kubectl start"].Add(await TimeAsync(cluster, plugin, "kubectl", kubectlStart));
            timings["plugin alone"].Add(await TimeAsync(cluster, plugin, Path.Combine(plugin.Split(Path.PathSeparator)[0], "kubectl-canaryflow"), viaPlugin[1..]));
            timings["noop plugin"].Add(await TimeAsync(cluster, plugin, "kubectl", viaNoop));
        }

        var medians = timings.ToDictionary(t => t.Key, t => Median(t.Value));
        Console.WriteLine($"{rounds} rounds, {noise} ReplicaSets in another namespace, medians:");
        Console.WriteLine($"  kubectl canaryflow get rollout api      {medians["plugin"],6:F1} ms");
        Console.WriteLine($"  kubectl get rollout api -o json         {medians["kubectl"],6:F1} ms");
        Console.WriteLine($"  ratio plugin/kubectl                    {medians["plugin"] / medians["kubectl"],6:F2}");
        Console.WriteLine($"  kubectl version --client (kubectl start) {medians["kubectl start"],5:F1} ms");
        Console.WriteLine($"  kubectl-canaryflow get rollout api alone {medians["plugin alone"],5:F1} ms");
        Console.WriteLine($"  kubectl noop (a plugin that does nothing) {medians["noop plugin"],4:F1} ms");
        Console.WriteLine($"  ratio noop/kubectl (any plugin's floor)  {medians["noop plugin"] / medians["kubectl"],5:F2}");
    }

    /// <summary>api:1 stable, api:2 paused at 25 %: the controller runs until then and is stopped, so nothing moves while timing.</summary>
    private static async Task CanaryInFlightAsync(LocalClusterProcess cluster, CancellationToken cancellationToken)
    {
        await Kubectl.RunAsync(cluster, "create", "namespace", _ns);
        var manifest = Path.Combine(cluster.Directory, "plugin-rollout.yaml");
        await File.WriteAllTextAsync(manifest, Rollout("api:1"), cancellationToken);
        await Kubectl.RunAsync(cluster, "apply", "-f", manifest);
        await using var controller = ControllerProcess.Start(cluster.Kubeconfig, _ns, "--log-level", "warning");
        await UntilAsync(cluster, r => r["status"]?["phase"]?.ToString() == "Healthy", "Healthy", cancellationToken);
        await File.WriteAllTextAsync(manifest, Rollout("api:2"), cancellationToken);
        await Kubectl.RunAsync(cluster, "apply", "-f", manifest);
        await UntilAsync(cluster, r => r["status"]?["phase"]?.ToString() == "Paused" && r["status"]?["availableReplicas"]?.ToString() == "4", "Paused at 25 %", cancellationToken);
    }

    private static string Rollout(string image) => $$$"""
        apiVersion: v1
        kind: Service
        metadata: {name: api-stable, namespace: {{{_ns}}}}
        spec: {selector: {app: api}, ports: [{port: 80}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: api-canary, namespace: {{{_ns}}}}
        spec: {selector: {app: api}, ports: [{port: 80}]}
        ---
        apiVersion: canaryflow.io/v1alpha1
        kind: Rollout
        metadata: {name: api, namespace: {{{_ns}}}}
        spec:
          replicas: 4
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec: {containers: [{name: api, image: "{{{image}}}"}]}
          strategy:
            canary: {stableService: api-stable, canaryService: api-canary, steps: [{setWeight: 25}, {pause: {}}]}
        """;

    private static async Task UntilAsync(LocalClusterProcess cluster, Func<JsonNode, bool> done, string what, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var process = Process.Start(Kubectl.Command(cluster, "get", "rollout", "api", "-n", _ns, "-o", "json"))!;
            var json = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode == 0 && done(JsonNode.Parse(json)!))
            {
                return;
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"the benchmark's Rollout did not become {what}: {json}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private static async Task<string> PublishAsync(LocalClusterProcess cluster, CancellationToken cancellationToken)
    {
        var output = Path.Combine(cluster.Directory, "kubectl-plugin");
        using var publish = Process.Start("dotnet", ["publish", RepositoryRoot.File("src", "CanaryFlow.Cli", "CanaryFlow.Cli.csproj"), "-c", "Release", "-o", output, "--nologo", "-v", "quiet"]);
        await publish.WaitForExitAsync(cancellationToken);
        return publish.ExitCode == 0 ? output : throw new InvalidOperationException("dotnet publish of the plugin failed");
    }

    /// <summary>Milliseconds from start to exit of one command, its output drained (as a terminal would).</summary>
    private static async Task<double> TimeAsync(LocalClusterProcess cluster, string pluginPath, string executable, string[] arguments)
    {
        var start = Kubectl.Command(cluster, arguments);
        start.FileName = executable;
        start.Environment["PATH"] = pluginPath + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} failed: {await stderr}");
        }

        await stdout;
        return elapsed;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
