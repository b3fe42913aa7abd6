using CanaryFlow.Controller.Rollouts;
using CanaryFlow.Controller.Tests.EndToEnd;
using CanaryFlow.Core.Api;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.Kubernetes.Informers;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.LocalCluster.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace CanaryFlow.Controller.Tests.Routing;

/// <summary>
/// A router test's world on the shared LocalCluster: its own namespace with the Services and a Rollout (no controller
/// runs: the test drives the router), a client, and real informers on the router's kind for what the router observes.
/// </summary>
public sealed class RouterScope : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _informers = [];

    private RouterScope(Kubectl kubectl, string ns, KubernetesClient client)
    {
        Kubectl = kubectl;
        Namespace = ns;
        Client = client;
        Clients = RolloutClients.Create(client);
    }

    public Kubectl Kubectl { get; }

    public string Namespace { get; }

    public KubernetesClient Client { get; }

    public RolloutClients Clients { get; }

    public static async Task<RouterScope> CreateAsync(Kubectl kubectl, string trafficRouting, params string[] manifests)
    {
        var ns = "router-" + Guid.NewGuid().ToString("N")[..8];
        (await kubectl.RunAsync("create", "namespace", ns)).ShouldSucceed();
        var scope = new RouterScope(kubectl, ns, new KubernetesClient(KubeconfigLoader.Load(kubectl.KubeconfigPath)));
        foreach (var manifest in manifests.Prepend(RolloutManifests.Services(ns)))
        {
            await scope.ApplyAsync(manifest);
        }

        await scope.ApplyAsync(RolloutManifests.Rollout(ns, "api:1", "[{setWeight: 50}]", trafficRouting: trafficRouting));
        return scope;
    }

    public Task<Rollout> RolloutAsync() => Clients.Rollouts.GetAsync(Namespace, "api");

    public async Task ApplyAsync(string manifest) => (await Kubectl.RunAsync(manifest, TimeSpan.FromSeconds(60), "apply", "-f", "-")).ShouldSucceed();

    public async Task<string> KubectlAsync(params string[] arguments) => (await Kubectl.RunAsync([.. arguments, "-n", Namespace])).ShouldSucceed().Stdout;

    /// <summary>A synced informer on <typeparamref name="T"/> in this namespace, stopped with the scope.</summary>
    public async Task<Informer<T>> InformerAsync<T>(ResourceClient<T> client)
        where T : class, IKubernetesObject
    {
        var informer = new Informer<T>(client, new InformerOptions { Namespace = Namespace }, NullLogger.Instance);
        _informers.Add(informer.RunAsync(_stop.Token));
        await informer.WaitForSyncAsync(_stop.Token).WaitAsync(TimeSpan.FromSeconds(30));
        return informer;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_informers);
        _stop.Dispose();
        Client.Dispose();
    }
}
