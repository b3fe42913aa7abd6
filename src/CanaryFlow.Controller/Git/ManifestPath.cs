using CanaryFlow.Core.Git;

namespace CanaryFlow.Controller.Git;

/// <summary>Repository-relative paths as <c>spec.git.path</c> and <c>git ls-tree</c> spell them.</summary>
internal static class ManifestPath
{
    /// <summary>"./apps/api/" and "apps/api" are one path; the root is "".</summary>
    public static string Normalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return KustomizationReferences.Resolve("", path) ?? "";
    }

    public static string Join(string directory, string name) => directory.Length == 0 ? name : directory + "/" + name;

    /// <summary>The kustomization file directly in <paramref name="directory"/>, in kustomize's order of preference.</summary>
    public static string? KustomizationIn(string directory, IReadOnlySet<string> files) =>
        KustomizationReferences.FileNames.Select(name => Join(directory, name)).FirstOrDefault(files.Contains);

    public static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;
}
