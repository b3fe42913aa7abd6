using CanaryFlow.Core.Api;
using CanaryFlow.Core.Rollouts;

namespace CanaryFlow.Controller.Git;

/// <summary>What makes two pieces of Git work the same: the Rollout, the operation and the template hash it is about.</summary>
internal readonly record struct GitWorkKey(string Namespace, string Name, string Operation, string Hash)
{
    public static GitWorkKey Of(Rollout rollout, RolloutAction work)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var (operation, hash) = work switch
        {
            ResolveGitRevision resolve => ("resolve-" + resolve.Role.ToString().ToLowerInvariant(), resolve.Hash),
            RevertInGit revert => ("revert", revert.AbortedHash),
            _ => throw new ArgumentException($"not Git work: {work.GetType().Name}", nameof(work)),
        };
        return new GitWorkKey(rollout.Metadata.Namespace ?? "", rollout.Metadata.Name ?? "", operation, hash);
    }

    /// <summary>The same Rollout and operation for another template: a newer template supersedes the older one's work.</summary>
    public bool IsSupersededBy(GitWorkKey other) =>
        Namespace == other.Namespace && Name == other.Name && Operation == other.Operation && Hash != other.Hash;
}
