using System.Diagnostics;
using System.Globalization;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Benchmarks;

internal static class Population
{
    /// <summary>N ConfigMaps of about 1 KiB each, created eight at a time.</summary>
    public static async Task ConfigMapsAsync(KubernetesClient client, string ns, int count)
    {
        await client.Resource<Namespace>(ResourceTypes.Namespaces).CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = ns } });
        var configMaps = client.Resource<ConfigMap>(ResourceTypes.ConfigMaps);
        var data = Enumerable.Range(0, 10).ToDictionary(i => "key-" + i, i => new string((char)('a' + i), 100));
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await configMaps.CreateAsync(new ConfigMap
            {
                Metadata = new ObjectMeta { Name = $"cm-{i:D6}", Namespace = ns, Labels = new Dictionary<string, string> { ["app"] = "bench", ["shard"] = (i % 10).ToString(CultureInfo.InvariantCulture) } },
                Data = data,
            }, cancellationToken: ct));
        Console.WriteLine($"created {count} ConfigMaps in {watch.Elapsed.TotalSeconds:F1} s ({count / watch.Elapsed.TotalSeconds:F0}/s)");
    }

    /// <summary>N ReplicaSets scaled to zero with a realistic pod template (what the controller caches most).</summary>
    public static async Task ReplicaSetsAsync(KubernetesClient client, string ns, int count)
    {
        var replicaSets = client.Resource<ReplicaSet>(ResourceTypes.ReplicaSets);
        var template = CanaryFlow.Kubernetes.Serialization.KubernetesSerializer.Deserialize<ReplicaSet>("""
            {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"labels":{"app":"api","rollouts-pod-template-hash":"abc"},"annotations":{"rollout.canaryflow.io/revision":"3"}},
             "spec":{"replicas":0,"selector":{"matchLabels":{"app":"api","rollouts-pod-template-hash":"abc"}},
                     "template":{"metadata":{"labels":{"app":"api","rollouts-pod-template-hash":"abc"}},
                                 "spec":{"containers":[{"name":"api","image":"registry.example.com/api:1.4.2","ports":[{"containerPort":8080,"name":"http"}],
                                                        "env":[{"name":"MODE","value":"production"},{"name":"LOG_LEVEL","value":"info"}],
                                                        "resources":{"requests":{"cpu":"100m","memory":"128Mi"},"limits":{"memory":"256Mi"}},
                                                        "readinessProbe":{"httpGet":{"path":"/healthz","port":8080},"periodSeconds":5}}]}}}}
            """);
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await replicaSets.CreateAsync(template with { Metadata = template.Metadata with { Name = $"api-{i:D6}", Namespace = ns } }, cancellationToken: ct));
        Console.WriteLine($"created {count} ReplicaSets in {watch.Elapsed.TotalSeconds:F1} s ({count / watch.Elapsed.TotalSeconds:F0}/s)");
    }
}
