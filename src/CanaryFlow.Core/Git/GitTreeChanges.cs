namespace CanaryFlow.Core.Git;

/// <summary>What to change in a tree: entries to write (added or changed) and paths to remove.</summary>
public sealed record GitTreeChanges(IReadOnlyList<GitTreeEntry> Writes, IReadOnlyList<string> Removals)
{
    public static GitTreeChanges None { get; } = new([], []);

    public bool IsEmpty => Writes.Count == 0 && Removals.Count == 0;
}
