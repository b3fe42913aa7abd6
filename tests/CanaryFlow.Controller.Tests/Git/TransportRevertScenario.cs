using System.Runtime.Versioning;
using CanaryFlow.Controller.Git;
using CanaryFlow.Controller.Tests.Infrastructure;
using CanaryFlow.Core.Git;
using static CanaryFlow.Controller.Tests.Git.ConfigRepoManifests;

namespace CanaryFlow.Controller.Tests.Git;

/// <summary>
/// What the transport tests (HTTP, SSH) share: a config repo with v1, v2 and the aborted v3 of a kustomize overlay, a
/// workspace that runs git through <see cref="RecordingGit"/> and logs to <see cref="RecordingLogger"/>, and the revert
/// request built over the transport under test as the controller builds it.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class TransportRevertScenario : IDisposable
{
    private readonly RolloutManifestReader _reader = new(new ManifestRenderOptions());

    public TransportRevertScenario()
    {
        Repository.Commit("v1", KustomizeLayout("production", "api:base", "api:v1"));
        V2 = Repository.Commit("v2", new Dictionary<string, string?> { [$"{OverlayPath}/kustomization.yaml"] = OverlayKustomization("production", "api:v2") });
        V3 = Repository.Commit("v3", new Dictionary<string, string?> { [$"{OverlayPath}/kustomization.yaml"] = OverlayKustomization("production", "api:v3") });
        Workspace = new GitWorkspace(new GitWorkspaceOptions(), Logger, Git.Executable);
    }

    public GitTestRepository Repository { get; } = new();

    public RecordingLogger Logger { get; } = new();

    public RecordingGit Git { get; } = new();

    public GitWorkspace Workspace { get; }

    public string V2 { get; }

    public string V3 { get; }

    public GitRevertExecutor Executor() =>
        new(Workspace, new ManifestTemplateProbe(_reader), new GitRevertRetryPolicy(3, TimeSpan.Zero, TimeSpan.Zero), TimeProvider.System, Logger);

    /// <summary>The request as the controller builds it, over the transport of <paramref name="remote"/>: stable revision by content.</summary>
    public async Task<RevertRequest> RequestAsync(GitRemote remote)
    {
        await using var repository = await Workspace.OpenAsync(remote, CancellationToken.None);
        await repository.FetchBranchAsync("main", CancellationToken.None);
        var aborted = (await _reader.ReadAsync(repository, V3, OverlayPath, CancellationToken.None)).Find("production", "api").TemplateHash!;
        var stableHash = (await _reader.ReadAsync(repository, V2, OverlayPath, CancellationToken.None)).Find("production", "api").TemplateHash!;
        var stable = await new GitHealthyRevisionFinder(_reader, Logger).FindAsync(repository, new HealthyRevisionQuery("main", OverlayPath, "production", "api", stableHash, null), CancellationToken.None);
        return new RevertRequest("production", "api", aborted, stable!.Commit, "main", OverlayPath, GitRevertMode.Commit,
            new RevertReason("success-rate", "0.81", "result[0] >= 0.95"));
    }

    public void Dispose()
    {
        Workspace.Dispose();
        Repository.Dispose();
        Git.Dispose();
    }
}
