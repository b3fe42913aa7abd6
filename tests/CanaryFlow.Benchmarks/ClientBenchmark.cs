using System.Diagnostics;
using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Benchmarks;

internal static class ClientBenchmark
{
    private const int _rounds = 5;

    public static async Task RunAsync(LocalClusterProcess cluster, KubernetesClient client, int objects)
    {
        const string ns = "bench";
        await Population.ConfigMapsAsync(client, ns, objects);
        var configMaps = client.Resource<ConfigMap>(ResourceTypes.ConfigMaps);

        // Warm both up once (JIT, kubectl's discovery cache), then alternate rounds so both see the same server state.
        await configMaps.ListAllAsync(ns);
        await Kubectl.RunAsync(cluster, "get", "configmaps", "-n", ns, "-o", "json", "--chunk-size=500");
        var ours = new List<double>();
        var theirs = new List<double>();
        for (var round = 0; round < _rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            var list = await configMaps.ListAllAsync(ns);
            ours.Add(watch.Elapsed.TotalMilliseconds);
            if (list.Items.Count != objects)
            {
                throw new InvalidOperationException($"listed {list.Items.Count} of {objects}");
            }

            watch.Restart();
            await Kubectl.RunAsync(cluster, "get", "configmaps", "-n", ns, "-o", "json", "--chunk-size=500");
            theirs.Add(watch.Elapsed.TotalMilliseconds);
        }

        var ourList = Median(ours);
        var kubectlList = Median(theirs);
        Console.WriteLine($"list {objects}: client median {ourList:F0} ms ({objects / ourList * 1000:F0} objects/s), kubectl get -o json median {kubectlList:F0} ms ({objects / kubectlList * 1000:F0} objects/s), ratio client/kubectl {ourList / kubectlList:F2}");

        await WatchAsync(cluster, client, ns, Math.Min(objects, 2000));
        await ReplayAsync(cluster, client, ns, Math.Min(objects, 5000));
    }

    /// <summary>
    /// A burst that only the watchers limit: the updates are written first, then both watch from the version before
    /// them and consume the replay as fast as they can. kubectl's side is <c>get --raw</c> (it has no way to start a
    /// typed watch at a given version), so it copies bytes while our client also decodes every event.
    /// </summary>
    private static async Task ReplayAsync(LocalClusterProcess cluster, KubernetesClient client, string ns, int updates)
    {
        var configMaps = client.Resource<ConfigMap>(ResourceTypes.ConfigMaps);
        var start = (await configMaps.ListAsync(ns, new ListOptions { Limit = 1 })).Metadata.ResourceVersion!;
        await Parallel.ForEachAsync(Enumerable.Range(0, updates), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await configMaps.PatchAsync(ns, $"cm-{i:D6}", Patch.Merge(new JsonObject { ["data"] = new JsonObject { ["round"] = "2" } }), cancellationToken: ct));

        var ours = new List<double>();
        var theirs = new List<double>();
        for (var round = 0; round < _rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            var seen = 0;
            using (var stop = new CancellationTokenSource())
            {
                await foreach (var change in configMaps.WatchAsync(ns, new WatchOptions { ResourceVersion = start, AllowBookmarks = false }, stop.Token))
                {
                    if (change.Type == ResourceEventType.Modified && ++seen == updates)
                    {
                        break;
                    }
                }
            }

            ours.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            using var kubectl = Process.Start(Kubectl.Command(cluster, "get", "--raw", $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={start}&timeoutSeconds=60"))!;
            var kubectlSeen = 0;
            while (kubectlSeen < updates && await kubectl.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.Contains("\"type\":\"MODIFIED\"", StringComparison.Ordinal))
                {
                    kubectlSeen++;
                }
            }

            theirs.Add(watch.Elapsed.TotalMilliseconds);
            kubectl.Kill();
        }

        var ourTime = Median(ours);
        var kubectlTime = Median(theirs);
        Console.WriteLine($"watch replay of {updates} events: client (typed) median {ourTime:F0} ms ({updates / ourTime * 1000:F0} events/s), kubectl get --raw (bytes) median {kubectlTime:F0} ms ({updates / kubectlTime * 1000:F0} events/s), ratio client/kubectl {ourTime / kubectlTime:F2}");
    }

    /// <summary>Both watchers open at once; a burst of updates; time until each has seen every event.</summary>
    private static async Task WatchAsync(LocalClusterProcess cluster, KubernetesClient client, string ns, int updates)
    {
        var configMaps = client.Resource<ConfigMap>(ResourceTypes.ConfigMaps);
        var start = (await configMaps.ListAsync(ns, new ListOptions { Limit = 1 })).Metadata.ResourceVersion;
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var ourDone = new TaskCompletionSource<double>();
        var ourWatch = Task.Run(async () =>
        {
            var seen = 0;
            await foreach (var change in configMaps.WatchAsync(ns, new WatchOptions { ResourceVersion = start }, stop.Token))
            {
                if (change.Type == ResourceEventType.Modified && ++seen == updates)
                {
                    ourDone.TrySetResult(clock.Elapsed.TotalMilliseconds);
                }
            }
        });

        using var kubectl = Process.Start(Kubectl.Command(cluster, "get", "configmaps", "-n", ns, "--watch-only", "-o", "json", "--output-watch-events", "-v=6"))!;
        var kubectlDone = new TaskCompletionSource<double>();
        var kubectlConnected = new TaskCompletionSource();
        _ = Task.Run(async () =>
        {
            while (await kubectl.StandardError.ReadLineAsync() is { } line)
            {
                if (line.Contains("watch=true", StringComparison.Ordinal))
                {
                    kubectlConnected.TrySetResult();
                }
            }
        });
        _ = Task.Run(async () =>
        {
            var seen = 0;
            while (await kubectl.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.Contains("\"type\":\"MODIFIED\"", StringComparison.Ordinal) && ++seen == updates)
                {
                    kubectlDone.TrySetResult(clock.Elapsed.TotalMilliseconds);
                }
            }
        });
        await kubectlConnected.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(500);

        var began = clock.Elapsed.TotalMilliseconds;
        await Parallel.ForEachAsync(Enumerable.Range(0, updates), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await configMaps.PatchAsync(ns, $"cm-{i:D6}", Patch.Merge(new JsonObject { ["data"] = new JsonObject { ["round"] = "1" } }), cancellationToken: ct));
        var written = clock.Elapsed.TotalMilliseconds - began;
        var ourTime = await ourDone.Task.WaitAsync(TimeSpan.FromMinutes(2)) - began;
        var kubectlTime = await kubectlDone.Task.WaitAsync(TimeSpan.FromMinutes(2)) - began;
        Console.WriteLine($"watch {updates} updates (written in {written:F0} ms): client saw all after {ourTime:F0} ms, kubectl --watch -o json after {kubectlTime:F0} ms, ratio client/kubectl {ourTime / kubectlTime:F2}");
        await stop.CancelAsync();
        kubectl.Kill();
        try
        {
            await ourWatch;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
