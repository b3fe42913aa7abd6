using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// Finds the stable template's commit by content. Walking the branch's first-parent chain from its head, only
/// commits that change what the path renders need rendering: for a commit that does not yield the template, the
/// next candidate is the first parent of the newest commit that changed one of its inputs (the path, and for a
/// kustomization the bases and files it reaches, see <see cref="ManifestInputs"/>); every commit in between renders
/// the same. So a search costs one render per change of the app, not one per commit, and renders are cached.
/// </summary>
internal sealed class GitHealthyRevisionFinder : IHealthyRevisionFinder
{
    public const int DefaultMaxDepth = 200;
    private readonly RolloutManifestReader _reader;
    private readonly ILogger _logger;
    private readonly int _maxDepth;

    public GitHealthyRevisionFinder(RolloutManifestReader reader, ILogger logger, int maxDepth = DefaultMaxDepth)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDepth);
        _reader = reader;
        _logger = logger;
        _maxDepth = maxDepth;
    }

    public async Task<HealthyRevision?> FindAsync(GitRepository repository, HealthyRevisionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(query);
        var rollout = $"{query.Namespace}/{query.Name}";
        var head = await repository.ResolveAsync($"refs/remotes/origin/{query.Branch}", cancellationToken);
        if (head is null)
        {
            HealthyRevisionLog.NotFound(_logger, _maxDepth, query.Branch, rollout, query.TemplateHash);
            return null;
        }

        if (await TryHintAsync(repository, query, head, rollout, cancellationToken) is { } hinted)
        {
            HealthyRevisionLog.Found(_logger, rollout, query.TemplateHash, hinted, true);
            return new HealthyRevision(hinted, FromHint: true);
        }

        var chain = await repository.FirstParentChainAsync(head, _maxDepth, cancellationToken);
        var positions = chain.Select((commit, index) => (commit, index)).ToDictionary(entry => entry.commit, entry => entry.index, StringComparer.Ordinal);
        var current = head;
        while (true)
        {
            if (await YieldsAsync(repository, current, query, cancellationToken))
            {
                HealthyRevisionLog.Found(_logger, rollout, query.TemplateHash, current, false);
                return new HealthyRevision(current, FromHint: false);
            }

            var inputs = await ManifestInputs.ResolveAsync(repository, current, query.Path, cancellationToken);
            var change = await repository.NewestChangeAsync(current, inputs, cancellationToken);
            if (change is null || !positions.TryGetValue(change, out var position) || position + 1 >= chain.Count)
            {
                HealthyRevisionLog.NotFound(_logger, _maxDepth, query.Branch, rollout, query.TemplateHash);
                return null;
            }

            // Everything from `change` up to `current` renders as `current` did; its parent is the next different state.
            current = chain[position + 1];
        }
    }

    private async Task<string?> TryHintAsync(GitRepository repository, HealthyRevisionQuery query, string head, string rollout, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(query.RevisionHint))
        {
            return null;
        }

        // Only a commit id is resolved: a hint is outside input and must not be read as a ref or an option.
        var commit = query.RevisionHint.All(char.IsAsciiHexDigit) ? await repository.ResolveAsync(query.RevisionHint, cancellationToken) : null;
        string? reason = commit is null ? "not a commit of the repository"
            : !await repository.IsAncestorAsync(commit, head, cancellationToken) ? $"not on {query.Branch}"
            : !await YieldsAsync(repository, commit, query, cancellationToken) ? $"does not yield template {query.TemplateHash}"
            : null;
        if (reason is null)
        {
            return commit;
        }

        HealthyRevisionLog.HintIgnored(_logger, query.RevisionHint, rollout, reason);
        return null;
    }

    private async Task<bool> YieldsAsync(GitRepository repository, string commit, HealthyRevisionQuery query, CancellationToken cancellationToken)
    {
        var manifests = await _reader.ReadAsync(repository, commit, query.Path, cancellationToken);
        if (manifests.Failure is { } failure)
        {
            HealthyRevisionLog.NotRendered(_logger, query.Path, commit, failure.Message);
        }

        return manifests.Find(query.Namespace, query.Name).Yields(query.TemplateHash);
    }
}
