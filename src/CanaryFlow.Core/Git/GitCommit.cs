namespace CanaryFlow.Core.Git;

/// <summary>A commit as the workspace reads it: its id, parents and full message (trailers parsed from it).</summary>
public sealed record GitCommit(string Sha, IReadOnlyList<string> Parents, string Message)
{
    public string Subject => Message.Split('\n', 2)[0].Trim();

    public CommitTrailers Trailers => CommitTrailers.Parse(Message);
}
