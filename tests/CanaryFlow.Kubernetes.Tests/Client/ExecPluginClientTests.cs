using System.Collections.Concurrent;
using System.Text;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Tests.Config;
using CanaryFlow.LocalCluster;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Kubernetes.Tests.Client;

/// <summary>
/// End to end: a kubeconfig whose user is an exec credential plugin (a shell script) gets the token the cluster
/// wants; after the cluster rotates it, one request fails with 401, the plugin runs again and the next succeeds.
/// No token ever shows up in logs or exception messages.
/// </summary>
[Collection(ExecPluginCollection.Name)]
public sealed class ExecPluginClientTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task An_exec_plugin_supplies_the_token_and_is_asked_again_after_a_401()
    {
        await using var server = await LocalClusterServer.StartAsync(new LocalClusterOptions { SimulateWorkloads = false, Token = "first-secret-token-value" });
        var tokenFile = _directory.Write("current-token", "first-secret-token-value");
        var plugin = new ExecPluginScript(_directory, $$$"""
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "$(cat '{{{tokenFile}}}')"
            """);
        var kubeconfig = _directory.Write("kubeconfig", $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: local
              cluster:
                server: {server.BaseUrl.ToString().TrimEnd('/')}
                certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(server.CaCertificatePem!))}
            users:
            - name: plugin-user
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: {plugin.Path}
                  interactiveMode: Never
            contexts:
            - name: local
              context:
                cluster: local
                user: plugin-user
            current-context: local
            """);
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        using var client = new KubernetesClient(KubeconfigLoader.Load(kubeconfig, environment: FakeEnvironment.Kubeconfig(_directory.Path)), loggerFactory: loggerFactory);
        var namespaces = client.Resource<Namespace>(ResourceTypes.Namespaces);

        Assert.NotEmpty((await namespaces.ListAsync(null)).Items);
        Assert.Equal(1, plugin.Runs);

        server.Access.RotateToken("second-secret-token-value");
        await File.WriteAllTextAsync(tokenFile, "second-secret-token-value");
        var rejected = await Assert.ThrowsAsync<KubernetesApiException>(() => namespaces.ListAsync(null));
        Assert.True(rejected.IsUnauthorized);

        Assert.NotEmpty((await namespaces.ListAsync(null)).Items);
        Assert.Equal(2, plugin.Runs);

        foreach (var secret in new[] { "first-secret-token-value", "second-secret-token-value" })
        {
            Assert.DoesNotContain(secret, rejected.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(logs.Messages, m => m.Contains(secret, StringComparison.Ordinal));
        }
    }

    /// <summary>Keeps every log line so a test can check what was (not) written.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyCollection<string> Messages => _messages;

        public ILogger CreateLogger(string categoryName) => new Capturing(_messages);

        public void Dispose()
        {
        }

        private sealed class Capturing(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception) + " " + exception);
        }
    }
}
