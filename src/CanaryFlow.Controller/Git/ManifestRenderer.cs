using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.Core.Git;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// Renders the manifests under a path at a commit the way a sync tool applies them:
/// <list type="bullet">
/// <item>a directory holding <c>kustomization.yaml</c>, <c>kustomization.yml</c> or <c>Kustomization</c> is checked
/// out and built with kustomize (Argo CD and Flux do the same);</item>
/// <item>otherwise every <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> file under the path, recursively (Flux's
/// behaviour and Argo CD's with <c>directory.recurse</c>), is read straight from the commit's tree; files and
/// directories whose names start with '.' are skipped, as are symlinks and submodules; multi-document YAML is
/// split; a path naming a single file renders that file.</item>
/// </list>
/// Failures are <see cref="ManifestRenderException"/>; nothing here writes to the repository.
/// </summary>
internal sealed class ManifestRenderer
{
    private static readonly string[] _manifestExtensions = [".yaml", ".yml", ".json"];
    private readonly KustomizeBuilder _kustomize;

    public ManifestRenderer(ManifestRenderOptions options)
    {
        _kustomize = new KustomizeBuilder(options);
    }

    public async Task<RenderedManifests> RenderAsync(GitRepository repository, string commit, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var directory = ManifestPath.Normalize(path);
        var entries = await repository.ListTreeAsync(commit, directory, cancellationToken);
        var description = $"{(directory.Length == 0 ? "/" : directory)} at {ManifestPath.Short(commit)}";
        if (entries.Count == 0)
        {
            throw new ManifestRenderException(ManifestRenderFailure.PathNotFound, $"{description}: the path does not exist");
        }

        var files = entries.Select(entry => entry.Path).ToHashSet(StringComparer.Ordinal);
        if (ManifestPath.KustomizationIn(directory, files) is not null)
        {
            return new RenderedManifests(await BuildAsync(repository, commit, directory, description, cancellationToken), Kustomized: true);
        }

        var manifests = entries.Where(entry => entry.Path == directory || IsManifestFile(directory, entry)).ToList();
        var documents = new List<JsonNode?>();
        foreach (var entry in manifests)
        {
            var text = await repository.ReadFileAsync(commit, entry.Path, cancellationToken);
            documents.AddRange(Parse(text, entry.Path, $"{entry.Path} at {ManifestPath.Short(commit)}"));
        }

        return new RenderedManifests(documents, Kustomized: false);
    }

    /// <summary>Parses one file: JSON by its extension (numbers keep their text), anything else as YAML documents.</summary>
    public static IReadOnlyList<JsonNode?> Parse(string text, string fileName, string description)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? [JsonNode.Parse(text)]
                : YamlJsonConverter.ParseAll(text);
        }
        catch (Exception e) when (e is YamlJsonException or JsonException)
        {
            throw new ManifestRenderException(ManifestRenderFailure.InvalidManifest, $"{description}: {e.Message}", e);
        }
    }

    private static bool IsManifestFile(string directory, GitTreeEntry entry)
    {
        // Regular files only: a symlink's blob is its target path, a submodule has no blob here.
        if (entry.Mode is not ("100644" or "100755"))
        {
            return false;
        }

        var relative = directory.Length == 0 ? entry.Path : entry.Path[(directory.Length + 1)..];
        return !relative.Split('/').Any(part => part.StartsWith('.'))
            && _manifestExtensions.Any(extension => relative.EndsWith(extension, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<IReadOnlyList<JsonNode?>> BuildAsync(GitRepository repository, string commit, string directory, string description, CancellationToken cancellationToken)
    {
        using var checkout = await repository.CheckoutAsync(commit, cancellationToken);
        var target = directory.Length == 0 ? checkout.Directory : Path.Combine(checkout.Directory, directory);
        var output = await _kustomize.BuildAsync(target, checkout.Directory, "kustomization " + description, cancellationToken);
        return Parse(output, "kustomize-output.yaml", $"kustomize output of {description}");
    }
}
