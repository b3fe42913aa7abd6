using CanaryFlow.Cli.Tests.Infrastructure;
using CanaryFlow.Controller.Tests.EndToEnd;
using CanaryFlow.LocalCluster.Security;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.Cli.Tests;

/// <summary><c>get</c> with a live analysis, and the one-line errors of the cluster-facing commands.</summary>
[Collection(PluginCollection.Name)]
public sealed class GetAndErrorTests(PluginCluster cluster) : IAsyncLifetime
{
    private static readonly TimeSpan _long = EndToEndScope.Long;
    private EndToEndScope _scope = null!;

    public async Task InitializeAsync() => _scope = await EndToEndScope.CreateAsync(cluster.Kubectl, "cli-get");

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    private Task<KubectlResult> PluginAsync(params string[] arguments) => cluster.Kubectl.CanaryFlowAsync([.. arguments, "-n", _scope.Namespace]);

    [Fact]
    public async Task Get_shows_the_analysis_run_with_its_measurements_value_and_condition()
    {
        await using var metric = new MetricEndpoint(0.97);
        _scope.StartController();
        await _scope.ApplyAsync($$"""
            apiVersion: canaryflow.io/v1alpha1
            kind: AnalysisTemplate
            metadata: {name: success-rate, namespace: {{_scope.Namespace}}}
            spec:
              metrics:
              - name: success-rate
                interval: 1s
                count: 2
                successCondition: result >= 0.95
                provider:
                  web: {url: "{{metric.Url}}", jsonPath: "{$.value}"}
            """);
        await _scope.ApplyAsync(RolloutManifests.Rollout(_scope.Namespace, "api:1", "[{setWeight: 50}, {analysis: {templates: [{templateName: success-rate}]}}, {pause: {}}]", replicas: 2));
        (await PluginAsync("status", "api", "--timeout", "60s")).ShouldSucceed();
        (await PluginAsync("set", "image", "api", "api=api:2")).ShouldSucceed();
        await Eventually.UntilAsync(_scope.RolloutAsync, r => EndToEndScope.Phase(r) == "Paused" && EndToEndScope.Status(r, "currentStepIndex") == "2", "the analysis to pass and the rollout to pause after it", _long);

        var get = (await PluginAsync("get", "rollout", "api")).ShouldSucceed().Stdout;
        Assert.Contains("Step:           2/3 (pause (until promoted))", get, StringComparison.Ordinal);
        Assert.Contains("Set weight:     50", get, StringComparison.Ordinal);
        Assert.Contains("Actual weight:  50", get, StringComparison.Ordinal);
        Assert.Matches(@"AnalysisRun api-\S+  ✔ Successful", get);
        Assert.Contains("metric success-rate: Successful (2 successful, 0 failed, 0 inconclusive, 0 error); latest Successful: value 0.97, successCondition result >= 0.95 is true", get, StringComparison.Ordinal);

        // The run hangs under the canary's revision, not the stable one.
        var canarySection = get[get.IndexOf("revision 2 (canary)", StringComparison.Ordinal)..get.IndexOf("revision 1 (stable)", StringComparison.Ordinal)];
        Assert.Contains("AnalysisRun", canarySection, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_rollout_is_kubectls_not_found_line()
    {
        var line = (await PluginAsync("get", "rollout", "nope")).ShouldFailWithOneLine();
        Assert.Equal("Error from server (NotFound): rollouts.canaryflow.io \"nope\" not found", line);

        foreach (var verb in new[] { "promote", "abort", "status" })
        {
            Assert.Equal(line, (await PluginAsync(verb, "nope")).ShouldFailWithOneLine());
        }
    }

    [Fact]
    public async Task No_permission_is_one_forbidden_line()
    {
        cluster.Server.Access.Forbid(new ForbiddenRule("list", "rollouts", _scope.Namespace));
        try
        {
            var line = (await PluginAsync("list", "rollouts")).ShouldFailWithOneLine();
            Assert.StartsWith("Error from server (Forbidden): rollouts.canaryflow.io is forbidden: ", line, StringComparison.Ordinal);
            Assert.EndsWith("(no permission: ask for RBAC access to it)", line, StringComparison.Ordinal);
        }
        finally
        {
            cluster.Server.Access.Forbid();
        }
    }

    [Fact]
    public async Task Kubeconfig_context_and_namespace_are_chosen_as_kubectl_chooses_them()
    {
        await _scope.ApplyAsync(RolloutManifests.Rollout(_scope.Namespace, "api:1", "[]", replicas: 1));

        // The current context points nowhere; --context picks the working one, whose namespace is the scope's.
        var kubeconfig = cluster.Server.Kubeconfig(_scope.Namespace)
            .Replace("clusters:\n", "clusters:\n- name: nowhere\n  cluster:\n    server: https://127.0.0.1:1\n", StringComparison.Ordinal)
            .Replace("contexts:\n", "contexts:\n- name: elsewhere\n  context:\n    cluster: nowhere\n    user: localcluster-admin\n", StringComparison.Ordinal)
            .Replace("current-context: localcluster", "current-context: elsewhere", StringComparison.Ordinal);
        var path = cluster.Kubectl.WriteManifest("two-contexts.kubeconfig", kubeconfig);

        (await cluster.Kubectl.CanaryFlowAsync("list", "rollouts", "--kubeconfig", path)).ShouldFailWithOneLine();
        var list = (await cluster.Kubectl.CanaryFlowAsync("list", "rollouts", "--kubeconfig", path, "--context", "localcluster")).ShouldSucceed().Stdout;
        Assert.Matches(@"(?m)^api\s+1\s+", list);
        var other = await cluster.Kubectl.CanaryFlowAsync("list", "rollouts", "--kubeconfig", path, "--context", "localcluster", "-n", "default");
        Assert.Equal("No resources found in default namespace.", other.ShouldSucceed().Stderr.Trim());
    }

    [Fact]
    public async Task A_server_whose_certificate_is_not_from_the_kubeconfigs_CA_is_refused()
    {
        // The plugin skips reading the system trust store when the kubeconfig names a CA: trust must still be that CA only.
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=another-ca", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension(true, false, 0, true));
        using var otherCa = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var kubeconfig = cluster.Server.Kubeconfig().Replace(
            Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(cluster.Server.CaCertificatePem!)),
            Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(otherCa.ExportCertificatePem())),
            StringComparison.Ordinal);
        var path = cluster.Kubectl.WriteManifest("other-ca.kubeconfig", kubeconfig);

        var line = (await cluster.Kubectl.CanaryFlowAsync("list", "rollouts", "--kubeconfig", path)).ShouldFailWithOneLine();
        Assert.StartsWith("error: the cluster is unreachable: ", line, StringComparison.Ordinal);
        Assert.EndsWith("The SSL connection could not be established (the server's certificate is not signed by the kubeconfig's certificate authority, or does not name the server)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_cluster_a_wrong_context_and_a_missing_kubeconfig_are_one_line_each()
    {
        var closed = cluster.Server.Kubeconfig().Replace($":{cluster.Server.BaseUrl.Port}", ":1", StringComparison.Ordinal);
        var path = cluster.Kubectl.WriteManifest("unreachable.kubeconfig", closed);
        var unreachable = (await cluster.Kubectl.CanaryFlowAsync("list", "rollouts", "--kubeconfig", path)).ShouldFailWithOneLine();
        Assert.StartsWith("error: the cluster is unreachable: ", unreachable, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1", unreachable, StringComparison.Ordinal);

        var context = (await PluginAsync("get", "rollout", "api", "--context", "nowhere")).ShouldFailWithOneLine();
        Assert.Contains("nowhere", context, StringComparison.Ordinal);

        var missing = (await cluster.Kubectl.CanaryFlowAsync("list", "rollouts", "--kubeconfig", "/nonexistent/kubeconfig")).ShouldFailWithOneLine();
        Assert.Contains("/nonexistent/kubeconfig", missing, StringComparison.Ordinal);
    }
}
