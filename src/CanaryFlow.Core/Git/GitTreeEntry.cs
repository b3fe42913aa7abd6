namespace CanaryFlow.Core.Git;

/// <summary>One file of a commit's tree (a blob, a symlink or a submodule), as <c>git ls-tree -r</c> lists it.</summary>
public sealed record GitTreeEntry(string Path, string Mode, string ObjectId);
