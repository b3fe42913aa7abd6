using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Informers;
using CanaryFlow.Kubernetes.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace CanaryFlow.Benchmarks;

internal static class InformerMemoryBenchmark
{
    public static async Task RunAsync(KubernetesClient client, int objects)
    {
        await Population.ConfigMapsAsync(client, "bench", objects);
        await MeasureAsync(client.Resource<ConfigMap>(ResourceTypes.ConfigMaps), "ConfigMaps (~1 KiB of data each)", objects);
        await Population.ReplicaSetsAsync(client, "bench", objects);
        await MeasureAsync(client.Resource<ReplicaSet>(ResourceTypes.ReplicaSets), "ReplicaSets (one-container pod template)", objects);
    }

    private static async Task MeasureAsync<T>(ResourceClient<T> resource, string what, int objects)
        where T : class, IKubernetesObject
    {
        var before = Settle();
        var informer = new Informer<T>(resource, new InformerOptions { Namespace = "bench" }, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = informer.RunAsync(stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None);
        var after = Settle();
        var perObject = (after - before) / (double)informer.Cache.Count;
        var json = CanaryFlow.Kubernetes.Serialization.KubernetesSerializer.SerializeToUtf8Bytes(informer.Cache.List()[0]).Length;
        Console.WriteLine($"informer of {informer.Cache.Count} {what}: {(after - before) / 1024.0 / 1024.0:F1} MiB retained, {perObject:F0} bytes per object (one object is {json} bytes of JSON)");
        await stop.CancelAsync();
        await running;
        GC.KeepAlive(informer);
        _ = objects;
    }

    private static long Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
