using CanaryFlow.Controller.Tests.Git;
using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.Controller.Tests.EndToEnd;

/// <summary>
/// Plays the GitOps tool (Argo CD, Flux) in end-to-end tests: a clone of the config repo, and on each sync a fetch, a
/// checkout of the branch's newest commit and a real <c>kubectl apply -k</c> of the app's path into LocalCluster.
/// </summary>
internal sealed class SyncToolHarness
{
    private readonly Kubectl _kubectl;
    private readonly GitTestRepository _repository;
    private readonly string _path;
    private readonly string _clone;

    public SyncToolHarness(Kubectl kubectl, GitTestRepository repository, string path)
    {
        _kubectl = kubectl;
        _repository = repository;
        _path = path;
        _clone = repository.NewClone();
    }

    /// <summary>Syncs the newest commit of main; returns it.</summary>
    public async Task<string> SyncAsync()
    {
        GitTestRepository.Run(_clone, "fetch", "--quiet", "origin");
        GitTestRepository.Run(_clone, "checkout", "--quiet", "--detach", "origin/main");
        return await ApplyCheckoutAsync();
    }

    /// <summary>Applies an older commit by hand (someone re-applying a bad revision); returns it.</summary>
    public async Task<string> ApplyCommitAsync(string commit)
    {
        GitTestRepository.Run(_clone, "fetch", "--quiet", "origin");
        GitTestRepository.Run(_clone, "checkout", "--quiet", "--detach", commit);
        return await ApplyCheckoutAsync();
    }

    private async Task<string> ApplyCheckoutAsync()
    {
        (await _kubectl.RunAsync(null, EndToEndScope.Long, "apply", "-k", Path.Combine(_clone, _path))).ShouldSucceed();
        return GitTestRepository.Head(_clone);
    }

    public string RepositoryUrl => _repository.Url;
}
