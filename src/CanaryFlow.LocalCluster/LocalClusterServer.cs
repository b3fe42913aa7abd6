using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Faults;
using CanaryFlow.LocalCluster.Http;
using CanaryFlow.LocalCluster.OpenApi;
using CanaryFlow.LocalCluster.Registry;
using CanaryFlow.LocalCluster.Security;
using CanaryFlow.LocalCluster.Simulation;
using CanaryFlow.LocalCluster.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CanaryFlow.LocalCluster;

/// <summary>
/// A running LocalCluster: a Kubernetes API server on 127.0.0.1 over real HTTP(S), with its simulated
/// controllers. Tests start it in-process on a free port; the console program wraps it.
/// </summary>
public sealed class LocalClusterServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CertificateAuthority? _ca;
    private readonly IAsyncDisposable[] _controllers;

    private LocalClusterServer(WebApplication app, Uri baseUrl, CertificateAuthority? ca, AccessControl access, FaultInjector faults,
        GenericRegistry registry, WatchStreamer watches, IAsyncDisposable[] controllers)
    {
        _app = app;
        BaseUrl = baseUrl;
        _ca = ca;
        Access = access;
        Faults = faults;
        Registry = registry;
        Watches = watches;
        _controllers = controllers;
    }

    /// <summary>Where the API server listens, e.g. <c>https://127.0.0.1:40123</c>.</summary>
    public Uri BaseUrl { get; }

    public string Token => Access.Token;

    /// <summary>The CA that signed the serving certificate (PEM), or null over plain HTTP.</summary>
    public string? CaCertificatePem => _ca?.CertificatePem;

    public System.Security.Cryptography.X509Certificates.X509Certificate2? CaCertificate => _ca?.Certificate;

    public AccessControl Access { get; }
    public FaultInjector Faults { get; }
    public GenericRegistry Registry { get; }
    public WatchStreamer Watches { get; }
    public ObjectStore Store => Registry.Store;

    public static async Task<LocalClusterServer> StartAsync(LocalClusterOptions? options = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalClusterOptions();
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("LocalCluster");
        var store = new ObjectStore(options.InitialResourceVersion, options.WatchHistoryCapacity);
        var resources = new ResourceRegistry();
        BuiltInResources.Register(resources);
        _ = new CustomResourceRegistrar(resources, store);
        var registry = new GenericRegistry(store, resources, options.Clock, options.ContinueTokenLifetime);
        var owners = new OwnerIndex(store);
        Bootstrap(registry);

        var controllers = new List<IAsyncDisposable>();
        if (options.GarbageCollection)
        {
            controllers.Add(new GarbageCollector(registry, owners, logger));
        }

        controllers.Add(new NamespaceController(registry, logger));
        if (options.SimulateWorkloads)
        {
            controllers.Add(new ReplicaSetController(registry, owners, logger));
            controllers.Add(new KubeletSimulator(registry, options, logger));
        }

        var ca = options.UseHttps ? CertificateAuthority.Create(options.Clock.GetUtcNow()) : null;
        var access = new AccessControl(options.Token ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant())
        {
            Required = options.RequireToken ?? options.UseHttps,
        };
        var faults = new FaultInjector(options.FaultSeed);
        var watches = new WatchStreamer(registry, options);
        var openApi = new OpenApiDocuments(resources);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddSingleton(loggerFactory);
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                if (ca is not null)
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(ca.ServingCertificate);
                }
                else
                {
                    listen.Protocols = HttpProtocols.Http1;
                }
            });
        });
        var app = builder.Build();
        Uri? baseUrl = null;
        var handler = new ApiHandler(registry, openApi, watches, access, faults, logger, () => baseUrl is null ? "" : $"{baseUrl.Host}:{baseUrl.Port}");
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)).Port;
        baseUrl = new Uri($"{(ca is null ? "http" : "https")}://127.0.0.1:{port}");
        return new LocalClusterServer(app, baseUrl, ca, access, faults, registry, watches, [.. controllers]);
    }

    /// <summary>The kubeconfig (YAML) for this server: its address, CA and token, default namespace "default".</summary>
    public string Kubeconfig(string defaultNamespace = "default") =>
        KubeconfigWriter.Render(BaseUrl.ToString().TrimEnd('/'), Token, CaCertificatePem, defaultNamespace);

    public void WriteKubeconfig(string path, string defaultNamespace = "default") => KubeconfigWriter.Write(path, Kubeconfig(defaultNamespace));

    /// <summary>Forgets the watch history: watches resuming from an older resourceVersion get 410 Expired.</summary>
    public void CompactWatchHistory() => Store.CompactHistory();

    /// <summary>Expires outstanding continue tokens: the next page request gets 410 Expired.</summary>
    public void ExpireContinueTokens() => Registry.ExpireContinueTokens();

    /// <summary>Cuts every open watch connection abruptly.</summary>
    public void DropWatches() => Watches.DropAll();

    /// <summary>Sends a bookmark now to every open watch that allows them.</summary>
    public void SendBookmarks() => Watches.BookmarkAll();

    public async ValueTask DisposeAsync()
    {
        Watches.DropAll();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        foreach (var controller in _controllers)
        {
            await controller.DisposeAsync().ConfigureAwait(false);
        }

        _ca?.Dispose();
    }

    /// <summary>What every cluster has: the four system namespaces and the kubernetes Service.</summary>
    private static void Bootstrap(GenericRegistry registry)
    {
        var namespaces = registry.Resources.Find("", "v1", "namespaces")!;
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            registry.Create(namespaces, "", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } }, WriteOptions.Internal);
        }

        var services = registry.Resources.Find("", "v1", "services")!;
        registry.Create(services, "default", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject { ["name"] = "kubernetes", ["labels"] = new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" } },
            ["spec"] = new JsonObject
            {
                ["clusterIP"] = "10.96.0.1",
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = 443, ["protocol"] = "TCP", ["targetPort"] = 6443 }),
            },
        }, WriteOptions.Internal);
    }
}
