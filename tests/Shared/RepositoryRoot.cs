namespace CanaryFlow.Tests.Shared;

/// <summary>
/// The checkout the tests run from, found by walking up from the test assembly to CanaryFlow.sln, so tests read
/// files that ship from the repository (crds/, docs/) rather than a copy that could drift from them.
/// </summary>
public static class RepositoryRoot
{
    private const string _marker = "CanaryFlow.sln";

    public static string Directory { get; } = Find();

    /// <summary>A path inside the repository, e.g. <c>File("crds", "rollout.yaml")</c>.</summary>
    public static string File(params string[] parts) => Path.Combine([Directory, .. parts]);

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, _marker)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no {_marker} above {AppContext.BaseDirectory}: the tests must run from a checkout of the repository");
    }
}
