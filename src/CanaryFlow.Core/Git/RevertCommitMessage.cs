using System.Text;

namespace CanaryFlow.Core.Git;

/// <summary>
/// The revert commit's message: the subject the semantics doc fixes, the reason in words, the commits it undoes, and
/// the trailers that make it findable after a restart.
/// </summary>
public static class RevertCommitMessage
{
    private const int _shortSha = 12;

    public static string Build(RevertRequest request, IReadOnlyList<GitCommit> revertedCommits)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(revertedCommits);
        var message = new StringBuilder();
        message.Append($"Revert {request.RolloutKey} to {Short(request.StableRevision)}: canary {request.AbortedHash} aborted\n\n");
        message.Append(request.Reason.Describe()).Append('\n');
        message.Append($"Restores {request.Path} to its content at {request.StableRevision}; other paths are untouched.\n");
        if (revertedCommits.Count > 0)
        {
            message.Append("\nReverted commits:\n");
            foreach (var commit in revertedCommits)
            {
                message.Append($"  {Short(commit.Sha)} {commit.Subject}\n");
            }
        }

        message.Append('\n');
        message.Append($"{RevertTrailers.Rollout}: {request.RolloutKey}\n");
        message.Append($"{RevertTrailers.AbortedTemplate}: {request.AbortedHash}\n");
        message.Append($"{RevertTrailers.Restores}: {request.StableRevision}\n");
        foreach (var commit in revertedCommits)
        {
            message.Append($"{RevertTrailers.Reverts}: {commit.Sha}\n");
        }

        return message.ToString();
    }

    private static string Short(string sha) => sha.Length > _shortSha ? sha[.._shortSha] : sha;
}
