using System.CommandLine;
using CanaryFlow.LocalCluster;
using Microsoft.Extensions.Logging;

var kubeconfig = new Option<FileInfo>("--kubeconfig") { Description = "Where to write the kubeconfig for this cluster", Required = true };
var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (default: a free one)", DefaultValueFactory = _ => 0 };
var insecure = new Option<bool>("--insecure-http") { Description = "Serve plain HTTP instead of HTTPS with a generated CA" };
var readyDelay = new Option<double>("--pod-ready-seconds") { Description = "How long simulated pods take to become Ready", DefaultValueFactory = _ => 1 };
var root = new RootCommand("LocalCluster: an in-process Kubernetes API server for CanaryFlow's tests and demo") { kubeconfig, port, insecure, readyDelay };
root.SetAction(async (parse, cancellationToken) =>
{
    using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
    var options = new LocalClusterOptions
    {
        Port = parse.GetValue(port),
        UseHttps = !parse.GetValue(insecure),
        PodReadinessDelay = TimeSpan.FromSeconds(parse.GetValue(readyDelay)),
    };
    if (options.Port is < 0 or > 65535)
    {
        await Console.Error.WriteLineAsync($"--port must be between 0 and 65535, got {options.Port}").ConfigureAwait(false);
        return 2;
    }

    await using var server = await LocalClusterServer.StartAsync(options, loggerFactory, cancellationToken).ConfigureAwait(false);
    var path = parse.GetValue(kubeconfig)!.FullName;
    server.WriteKubeconfig(path);
    Console.WriteLine($"LocalCluster ready at {server.BaseUrl} (kubeconfig: {path})");
    try
    {
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
    }
    catch (OperationCanceledException)
    {
        // SIGINT or SIGTERM: stop cleanly.
    }

    return 0;
});
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
