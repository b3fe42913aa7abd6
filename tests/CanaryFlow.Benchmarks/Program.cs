using CanaryFlow.Benchmarks;
using CanaryFlow.Benchmarks.ControllerFleet;
using CanaryFlow.Kubernetes.Client;

// Measurements against LocalCluster running in a process of its own.
//   client            list and watch throughput of our client next to kubectl get -o json, as ratios
//   informer-memory   bytes an informer holds per cached object
//   controller        the Rollout controller (its own process) with a fleet of Rollouts: memory, reconcile latency, API writes
//   plugin            kubectl canaryflow get rollout next to kubectl get rollout -o json (wall time, published plugin)
var scenario = args.FirstOrDefault() ?? "client";
var objects = CommandLine.Int(args, "--objects", 10_000);
var fleet = FleetOptions.Parse(args);
using var cancel = new CancellationTokenSource(fleet.Timeout);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
await using var cluster = await LocalClusterProcess.StartAsync(fleet.PodReadySeconds, cancel.Token);
using var client = new KubernetesClient(cluster.Connection(), new KubernetesClientOptions { Qps = 10_000, Burst = 10_000 });
Console.WriteLine($"# {scenario}, LocalCluster in its own process, {Environment.ProcessorCount} cores, {Memory.Total()} of memory, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
switch (scenario)
{
    case "client":
        await ClientBenchmark.RunAsync(cluster, client, objects);
        break;
    case "informer-memory":
        await InformerMemoryBenchmark.RunAsync(client, objects);
        break;
    case "controller":
        await ControllerFleetBenchmark.RunAsync(cluster, client, fleet, cancel.Token);
        break;
    case "plugin":
        await PluginBenchmark.RunAsync(cluster, client, CommandLine.Int(args, "--objects", 2_000), CommandLine.Int(args, "--rounds", 31), CommandLine.String(args, "--plugin-dir", "") is { Length: > 0 } dir ? dir : null, cancel.Token);
        break;
    default:
        Console.Error.WriteLine("usage: client | informer-memory [--objects N] | plugin [--objects N] [--rounds N] [--plugin-dir DIR] | controller [--healthy N] [--progressing N] [--per-namespace N] [--pod-ready-seconds S] [--resync-period D] [--kube-api-qps N] [--workers N] [--timeout-minutes M]");
        return 2;
}

return 0;
