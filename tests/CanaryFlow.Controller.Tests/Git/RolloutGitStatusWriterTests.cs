using System.Text.Json.Nodes;
using CanaryFlow.Controller.Caching;
using CanaryFlow.Controller.Git;
using CanaryFlow.Controller.Rollouts;
using CanaryFlow.Controller.Tests.EndToEnd;
using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;
using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Config;
using CanaryFlow.Kubernetes.Events;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.Controller.Tests.Git;

/// <summary>
/// What the Git work records, against a real Rollout in LocalCluster whose status a reconcile (here: the test) moved on
/// while the Git work ran: a late result must not overwrite the newer state or claim a failure for an abort that ended.
/// </summary>
[Collection(ControllerClusterCollection.Name)]
public sealed class RolloutGitStatusWriterTests(ControllerClusterFixture cluster) : IAsyncLifetime
{
    private static readonly GitSpec _git = new() { RepoUrl = "https://git.example/config.git", Branch = "main", Path = "apps/api/overlays/production" };
    private KubernetesClient _client = null!;
    private EventRecorder _events = null!;
    private RolloutGitStatusWriter _writer = null!;
    private ResourceClient<Rollout> _rollouts = null!;
    private string _ns = "";

    public async Task InitializeAsync()
    {
        _ns = "git-status-" + Guid.NewGuid().ToString("N")[..8];
        (await cluster.Kubectl.RunAsync("create", "namespace", _ns)).ShouldSucceed();
        var extra = $"git: {{repoURL: '{_git.RepoUrl}', branch: main, path: {_git.Path}}}";
        (await cluster.Kubectl.RunAsync(EndToEnd.RolloutManifests.Rollout(_ns, "api:v1", "[]", extraSpec: extra), EndToEndScope.Long, "apply", "-f", "-")).ShouldSucceed();
        _client = new KubernetesClient(KubeconfigLoader.Load(cluster.Kubectl.KubeconfigPath));
        _events = new EventRecorder(_client);
        _rollouts = RolloutClients.Create(_client).Rollouts;
        _writer = new RolloutGitStatusWriter(_rollouts, _events, new RecentWrites<Rollout>(), TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await _events.DisposeAsync();
        _client.Dispose();
    }

    [Fact]
    public async Task A_lookup_that_finishes_after_a_promotion_does_not_overwrite_the_newer_revision()
    {
        var rollout = await PatchStatusAsync("""{"status":{"stableRS":"new","currentPodHash":"can","git":{"stableRevision":"c-new","stableHash":"new"}}}""");

        // A slow lookup for the template that was stable before, and one for a spec.git that has changed since.
        Assert.False(await _writer.RecordRevisionAsync(rollout, _git, GitRevisionRole.Stable, "old", "c-old", CancellationToken.None));
        Assert.False(await _writer.RecordRevisionAsync(rollout, _git with { Path = "apps/api/overlays/staging" }, GitRevisionRole.Canary, "can", "c-staging", CancellationToken.None));
        Assert.False(await _writer.RecordRevisionAsync(rollout, _git with { RepoUrl = "https://git.example/other.git" }, GitRevisionRole.Canary, "can", "c-other", CancellationToken.None));

        var git = (await _rollouts.GetAsync(_ns, "api", CancellationToken.None)).Status!.Git!;
        Assert.Equal(("c-new", "new", null), (git.StableRevision, git.StableHash, git.CanaryRevision));

        // The lookup still wanted is recorded, beside what was there.
        Assert.True(await _writer.RecordRevisionAsync(rollout, _git with { Path = _git.Path + "/" }, GitRevisionRole.Canary, "can", "c-can", CancellationToken.None));
        git = (await _rollouts.GetAsync(_ns, "api", CancellationToken.None)).Status!.Git!;
        Assert.Equal(("c-new", "new", "c-can", "can"), (git.StableRevision, git.StableHash, git.CanaryRevision, git.CanaryHash));
    }

    [Fact]
    public async Task A_revert_failure_is_reported_only_while_that_abort_stands()
    {
        // Retried meanwhile: the abort is over.
        var rollout = await PatchStatusAsync("""{"status":{"stableRS":"good","currentPodHash":"bad"}}""");
        await _writer.RecordRevertFailedAsync(rollout, "bad", "GitAuthenticationFailed", "Reverting template bad failed", CancellationToken.None);
        Assert.Null(GitRevertFailed(await _rollouts.GetAsync(_ns, "api", CancellationToken.None)));

        // Another template aborted since.
        await PatchStatusAsync("""{"status":{"abort":true,"currentPodHash":"worse"}}""");
        await _writer.RecordRevertFailedAsync(rollout, "bad", "GitAuthenticationFailed", "Reverting template bad failed", CancellationToken.None);
        Assert.Null(GitRevertFailed(await _rollouts.GetAsync(_ns, "api", CancellationToken.None)));
        await _events.FlushAsync(CancellationToken.None);
        Assert.DoesNotContain(RolloutConditions.GitRevertFailed, await EventReasonsAsync());

        await _writer.RecordRevertFailedAsync(rollout, "worse", "GitAuthenticationFailed", "Reverting template worse failed", CancellationToken.None);
        Assert.Equal("True", GitRevertFailed(await _rollouts.GetAsync(_ns, "api", CancellationToken.None))?.Status);
        await _events.FlushAsync(CancellationToken.None);
        Assert.Contains(RolloutConditions.GitRevertFailed, await EventReasonsAsync());
    }

    private static CanaryFlow.Kubernetes.Models.Condition? GitRevertFailed(Rollout rollout) =>
        rollout.Status?.Conditions?.FirstOrDefault(c => c.Type == RolloutConditions.GitRevertFailed);

    private async Task<Rollout> PatchStatusAsync(string patch)
    {
        (await cluster.Kubectl.RunAsync("patch", "rollout", "api", "-n", _ns, "--subresource=status", "--type=merge", "-p", patch)).ShouldSucceed();
        return await _rollouts.GetAsync(_ns, "api", CancellationToken.None);
    }

    private async Task<List<string>> EventReasonsAsync()
    {
        var result = (await cluster.Kubectl.RunAsync("get", "events.v1.events.k8s.io", "-n", _ns, "-o", "json")).ShouldSucceed();
        return [.. JsonNode.Parse(result.Stdout)!["items"]!.AsArray().Select(e => e!["reason"]!.GetValue<string>())];
    }
}
