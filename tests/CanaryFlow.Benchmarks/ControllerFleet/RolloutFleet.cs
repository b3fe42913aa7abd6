using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Controller.Rollouts;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Benchmarks.ControllerFleet;

/// <summary>
/// The Rollouts of the scenario, each with its own stable and canary Service, spread over namespaces, written
/// through the API with the benchmark's own client (several requests in flight, no kubectl per object). A label
/// tells the Rollouts that will be updated from those that stay Healthy.
/// </summary>
internal sealed class RolloutFleet
{
    public const string GroupLabel = "bench.canaryflow.io/group";
    public const string Steps = """[{"setWeight":50},{"pause":{"duration":"10s"}},{"setWeight":100}]""";

    private readonly KubernetesClient _client;
    private readonly FleetOptions _options;
    private readonly ResourceClient<Rollout> _rollouts;

    public RolloutFleet(KubernetesClient client, FleetOptions options)
    {
        _client = client;
        _options = options;
        _rollouts = RolloutClients.Create(client).Rollouts;
    }

    /// <summary>Creates the namespaces, 2 Services per Rollout, then the Rollouts; returns how long it took.</summary>
    public async Task<TimeSpan> CreateAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var namespaces = _client.Resource<Namespace>(ResourceTypes.Namespaces);
        var services = _client.Resource<Service>(ResourceTypes.Services);
        var namespaceCount = (_options.Total + _options.PerNamespace - 1) / _options.PerNamespace;
        await ForEachAsync(Enumerable.Range(0, namespaceCount), async (i, ct) =>
            await namespaces.CreateAsync(new Namespace { Metadata = new ObjectMeta { Name = NamespaceOf(i * _options.PerNamespace) } }, cancellationToken: ct), cancellationToken);
        await ForEachAsync(Enumerable.Range(0, _options.Total), async (i, ct) =>
        {
            await services.CreateAsync(ServiceOf(i, "stable"), cancellationToken: ct);
            await services.CreateAsync(ServiceOf(i, "canary"), cancellationToken: ct);
        }, cancellationToken);
        var servicesDone = watch.Elapsed;
        await ForEachAsync(Enumerable.Range(0, _options.Total), async (i, ct) => await _rollouts.CreateAsync(RolloutOf(i), cancellationToken: ct), cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"created {namespaceCount} namespaces, {2 * _options.Total} Services in {servicesDone.TotalSeconds:0.0} s, {_options.Total} Rollouts in {(watch.Elapsed - servicesDone).TotalSeconds:0.0} s ({_options.Total / (watch.Elapsed - servicesDone).TotalSeconds:0}/s)"));
        return watch.Elapsed;
    }

    /// <summary>The Rollouts labelled progressing, as the API server has them now.</summary>
    public async Task<IReadOnlyList<Rollout>> ListProgressingAsync(CancellationToken cancellationToken) =>
        (await _rollouts.ListAllAsync(null, new ListOptions { LabelSelector = GroupLabel + "=progressing" }, cancellationToken)).Items;

    /// <summary>Every Rollout, as the API server has it now.</summary>
    public async Task<IReadOnlyList<Rollout>> ListAllAsync(CancellationToken cancellationToken) =>
        (await _rollouts.ListAllAsync(null, cancellationToken: cancellationToken)).Items;

    /// <summary>Changes the image of every progressing Rollout, all at once; returns how long the writes took.</summary>
    public async Task<TimeSpan> UpdateProgressingAsync(IEnumerable<Rollout> rollouts, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var patch = Patch.Merge(new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["template"] = new JsonObject
                {
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "registry.example.com/app:2" }) },
                },
            },
        });
        await ForEachAsync(rollouts, async (r, ct) => await _rollouts.PatchAsync(r.Metadata.Namespace, r.Metadata.Name!, patch, cancellationToken: ct), cancellationToken);
        return watch.Elapsed;
    }

    /// <summary>Healthy on the new template: the stable ReplicaSet is the one of the current template.</summary>
    public static bool Completed(Rollout rollout, string previousStable)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var status = rollout.Status;
        return status?.Phase == "Healthy" && status.StableRs is { } stable && stable == status.CurrentPodHash && stable != previousStable;
    }

    public static bool IsProgressing(int index, FleetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Exactly Progressing of the Total, spread evenly over the namespaces.
        return (long)index * options.Progressing % options.Total < options.Progressing;
    }

    private string NamespaceOf(int index) => "fleet-" + (index / _options.PerNamespace).ToString("D4", CultureInfo.InvariantCulture);

    private static string NameOf(int index) => "app-" + index.ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>
    /// The cluster IP is chosen here: LocalCluster allocates one by scanning every Service in the cluster, so its
    /// creates slow down as their number grows (22,000 took over 6 minutes, the last ones at under 60 a second).
    /// </summary>
    private Service ServiceOf(int index, string role)
    {
        var address = (2 * index) + (role == "stable" ? 0 : 1);
        return new Service
        {
            Metadata = new ObjectMeta { Name = NameOf(index) + "-" + role, Namespace = NamespaceOf(index) },
            Spec = new ServiceSpec
            {
                Selector = new Dictionary<string, string> { ["app"] = NameOf(index) },
                Ports = [new ServicePort { Port = 80 }],
                ClusterIP = string.Create(CultureInfo.InvariantCulture, $"10.112.{address / 250}.{(address % 250) + 1}"),
            },
        };
    }

    private Rollout RolloutOf(int index)
    {
        var name = NameOf(index);
        var progressing = IsProgressing(index, _options);
        var app = new JsonObject { ["app"] = name };
        var rollout = new JsonObject
        {
            ["apiVersion"] = RolloutApi.ApiVersion,
            ["kind"] = "Rollout",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = NamespaceOf(index),
                ["labels"] = new JsonObject { [GroupLabel] = progressing ? "progressing" : "healthy" },
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = progressing ? 2 : 1,
                ["selector"] = new JsonObject { ["matchLabels"] = app.DeepClone() },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = app.DeepClone() },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "registry.example.com/app:1" }) },
                },
                ["strategy"] = new JsonObject
                {
                    ["canary"] = new JsonObject
                    {
                        ["stableService"] = name + "-stable",
                        ["canaryService"] = name + "-canary",
                        ["steps"] = JsonNode.Parse(Steps),
                    },
                },
            },
        };
        return rollout.Deserialize(CoreJsonContext.Default.Rollout)!;
    }

    private Task ForEachAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, ValueTask> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = _options.WriterParallelism, CancellationToken = cancellationToken }, body);
}
