using CanaryFlow.Core.Api;

namespace CanaryFlow.Controller.Git;

/// <summary>The credentials for a Rollout's config repo (spec.git.secretRef), read when they are needed.</summary>
internal interface IGitCredentialSource
{
    /// <summary>Throws with a message naming the Secret and keys, never a value, when they cannot be read.</summary>
    Task<GitCredentials> ReadAsync(string ns, GitSpec git, CancellationToken cancellationToken);
}
