namespace CanaryFlow.Controller.Git;

/// <summary>A commit's files in a temporary directory (for kustomize builds); removed on dispose.</summary>
internal sealed class GitCheckout : IDisposable
{
    public GitCheckout(string directory, string commit)
    {
        Directory = directory;
        Commit = commit;
    }

    public string Directory { get; }

    public string Commit { get; }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
