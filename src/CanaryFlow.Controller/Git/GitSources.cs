using CanaryFlow.Core.Api;

namespace CanaryFlow.Controller.Git;

/// <summary>Whether two spec.git values name the same place in the same config repo (credentials and mode aside).</summary>
internal static class GitSources
{
    public static bool Same(GitSpec? a, GitSpec? b) =>
        a is not null && b is not null
        && string.Equals(a.RepoUrl, b.RepoUrl, StringComparison.Ordinal)
        && string.Equals(GitRevisionResolver.BranchOf(a), GitRevisionResolver.BranchOf(b), StringComparison.Ordinal)
        && string.Equals(a.Path?.Trim('/'), b.Path?.Trim('/'), StringComparison.Ordinal);
}
