using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using CanaryFlow.Controller.Git;
using CanaryFlow.Controller.Rollouts;
using CanaryFlow.Controller.Tests.EndToEnd;
using CanaryFlow.Controller.Tests.Infrastructure;
using CanaryFlow.Core.Git;
using CanaryFlow.Core.Hashing;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.LocalCluster.Tests.Infrastructure;
using static CanaryFlow.Controller.Tests.Git.ConfigRepoManifests;

namespace CanaryFlow.Controller.Tests.Git;

/// <summary>
/// The hash found in Git must be the hash the controller computes for the Rollout a sync tool applied from the same
/// commit, or the healthy revision and the HEAD-fixed guard would never match. Proven with the real tools: the
/// renderer on one side, real <c>kubectl apply</c> into LocalCluster (CanaryFlow's CRDs installed) and the controller's
/// hashing of the Rollout read back on the other.
/// </summary>
[SupportedOSPlatform("linux")]
[Collection(ControllerClusterCollection.Name)]
public sealed class TemplateHashAgreementTests(ControllerClusterFixture cluster) : IAsyncLifetime, IDisposable
{
    private readonly GitTestRepository _repository = new();
    private readonly GitWorkspace _workspace = new(new GitWorkspaceOptions(), new RecordingLogger());
    private readonly RolloutManifestReader _reader = new(new ManifestRenderOptions());
    private KubernetesClient _client = null!;
    private string _ns = "";

    public async Task InitializeAsync()
    {
        _ns = "git-hash-" + Guid.NewGuid().ToString("N")[..8];
        (await cluster.Kubectl.RunAsync("create", "namespace", _ns)).ShouldSucceed();
        _client = new KubernetesClient(KubeconfigLoader.Load(cluster.Kubectl.KubeconfigPath));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_kustomize_overlay_applied_with_apply_k_hashes_as_rendered_from_git()
    {
        var commit = _repository.Commit("v2", KustomizeLayout(_ns, "api:base", "api:v2", extraEnv: Env("RATIO", "0.50")));

        var fromGit = await HashFromGitAsync(commit, OverlayPath);
        (await cluster.Kubectl.RunAsync("apply", "-k", Path.Combine(_repository.AuthorPath, OverlayPath))).ShouldSucceed();

        Assert.Equal(await HashInClusterAsync(), fromGit);
    }

    [Fact]
    public async Task A_plain_directory_applied_with_apply_f_into_the_destination_namespace_hashes_as_read_from_git()
    {
        // No namespace in the manifest: the sync tool's destination namespace (here -n) decides, as with Argo CD.
        var commit = _repository.Commit("v1", new Dictionary<string, string?>
        {
            ["apps/api/rollout.yaml"] = Rollout("api:v1") + "\n---\n" + Service(),
        });

        var fromGit = await HashFromGitAsync(commit, "apps/api");
        (await cluster.Kubectl.RunAsync("apply", "-n", _ns, "-R", "-f", Path.Combine(_repository.AuthorPath, "apps/api"))).ShouldSucceed();

        Assert.Equal(await HashInClusterAsync(), fromGit);
    }

    public void Dispose()
    {
        _client?.Dispose();
        _workspace.Dispose();
        _repository.Dispose();
    }

    private async Task<string> HashFromGitAsync(string commit, string path)
    {
        await using var repository = await _workspace.OpenAsync(new GitRemote(_repository.Url, GitCredentials.None), CancellationToken.None);
        await repository.FetchBranchAsync("main", CancellationToken.None);
        var lookup = (await _reader.ReadAsync(repository, commit, path, CancellationToken.None)).Find(_ns, "api");
        Assert.Equal(RolloutTemplateLookupKind.Found, lookup.Kind);
        return lookup.TemplateHash!;
    }

    // What the decider does with the observed Rollout: JsonObject of spec.template, then the pod-template hash.
    private async Task<string> HashInClusterAsync()
    {
        var rollout = await RolloutClients.Create(_client).Rollouts.GetAsync(_ns, "api", CancellationToken.None);
        return PodTemplateHash.Compute(JsonObject.Create(rollout.Spec!.Template!.Value)!);
    }
}
