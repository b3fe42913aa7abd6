namespace CanaryFlow.Core.Git;

/// <summary>
/// The changes that make <c>path</c> at HEAD equal to <c>path</c> at the stable revision: files changed or deleted
/// since are written back, files added since are removed. Both listings hold only entries under <c>path</c>, so
/// nothing outside it can be touched.
/// </summary>
public static class RevertTreeDiff
{
    public static GitTreeChanges Compute(IReadOnlyList<GitTreeEntry> stable, IReadOnlyList<GitTreeEntry> head)
    {
        ArgumentNullException.ThrowIfNull(stable);
        ArgumentNullException.ThrowIfNull(head);
        var headByPath = head.ToDictionary(entry => entry.Path, StringComparer.Ordinal);
        var stablePaths = stable.Select(entry => entry.Path).ToHashSet(StringComparer.Ordinal);
        var writes = stable
            .Where(entry => !headByPath.TryGetValue(entry.Path, out var current) || current.ObjectId != entry.ObjectId || current.Mode != entry.Mode)
            .OrderBy(entry => entry.Path, StringComparer.Ordinal)
            .ToList();
        var removals = head.Select(entry => entry.Path).Where(path => !stablePaths.Contains(path)).Order(StringComparer.Ordinal).ToList();
        return new GitTreeChanges(writes, removals);
    }
}
