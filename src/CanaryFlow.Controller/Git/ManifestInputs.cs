using CanaryFlow.Core.Git;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// The repository paths whose content decides what a path renders to at a commit: the path itself and, for a
/// kustomization, everything it reaches locally (bases such as <c>../../base</c>, components, patch and generator
/// files), followed through the kustomizations it reaches. A commit that changes none of them renders exactly as its
/// parent, which is what lets the healthy-revision search skip it. Remote bases (URLs) are not followed: their
/// changes are not in this repository's history anyway.
/// </summary>
internal static class ManifestInputs
{
    public static async Task<IReadOnlyList<string>> ResolveAsync(GitRepository repository, string commit, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var root = ManifestPath.Normalize(path);
        var files = (await repository.ListTreeAsync(commit, "", cancellationToken)).Select(entry => entry.Path).ToHashSet(StringComparer.Ordinal);
        var directories = files.SelectMany(Ancestors).ToHashSet(StringComparer.Ordinal);
        var inputs = new SortedSet<string>(StringComparer.Ordinal) { root };
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([root]);
        while (pending.TryDequeue(out var directory))
        {
            if (!visited.Add(directory) || ManifestPath.KustomizationIn(directory, files) is not { } kustomizationFile)
            {
                continue;
            }

            foreach (var candidate in KustomizationReferences.Candidates(directory, await ReadKustomizationAsync(repository, commit, kustomizationFile, cancellationToken)))
            {
                if (files.Contains(candidate))
                {
                    inputs.Add(candidate);
                }
                else if (directories.Contains(candidate))
                {
                    inputs.Add(candidate);
                    pending.Enqueue(candidate);
                }
            }
        }

        // The root "" means the whole repository; git reads it as every path.
        return inputs.Contains("") ? [""] : [.. inputs];
    }

    private static async Task<System.Text.Json.Nodes.JsonNode?> ReadKustomizationAsync(GitRepository repository, string commit, string file, CancellationToken cancellationToken)
    {
        var text = await repository.ReadFileAsync(commit, file, cancellationToken);
        try
        {
            return YamlJsonConverter.Parse(text);
        }
        catch (YamlJsonException)
        {
            // kustomize reports a broken kustomization when it builds; for the inputs its own path is enough.
            return null;
        }
    }

    private static IEnumerable<string> Ancestors(string file)
    {
        for (var slash = file.LastIndexOf('/'); slash > 0; slash = file.LastIndexOf('/', slash - 1))
        {
            yield return file[..slash];
        }
    }
}
