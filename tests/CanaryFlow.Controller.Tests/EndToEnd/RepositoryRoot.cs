namespace CanaryFlow.Controller.Tests.EndToEnd;

/// <summary>The checkout the tests run from (the directory holding CanaryFlow.sln), for crds/ and examples/.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "CanaryFlow.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CanaryFlow.sln not found above " + AppContext.BaseDirectory);
    }
}
