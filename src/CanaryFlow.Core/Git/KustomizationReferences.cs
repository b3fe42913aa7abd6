using System.Text.Json;
using System.Text.Json.Nodes;

namespace CanaryFlow.Core.Git;

/// <summary>
/// Which repository paths a kustomization may read besides its own directory (bases in <c>../base</c>, patches,
/// generator files), so that history can be searched for the commits that change the build and no other.
/// <para>
/// Every string value in the kustomization is a candidate, rather than a list of the fields kustomize reads: the
/// field list grows with each kustomize release, and a candidate that names no file costs nothing (the caller keeps
/// only candidates that exist in the tree). Over-inclusion only makes more commits look relevant; missing a field
/// would make a change to the build invisible.
/// </para>
/// </summary>
public static class KustomizationReferences
{
    /// <summary>The file names kustomize accepts for a kustomization, in its order of preference.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    /// <summary>Repository-relative paths the string values of <paramref name="kustomization"/> (in
    /// <paramref name="directory"/>) could name; URLs, absolute paths and paths leaving the repository are left out.</summary>
    public static IReadOnlyList<string> Candidates(string directory, JsonNode? kustomization)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var text in Strings(kustomization))
        {
            // Generators write "key=path" (files) as well as plain paths.
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            string[] values = equals > 0 ? [text, text[(equals + 1)..]] : [text];
            foreach (var value in values)
            {
                if (Resolve(directory, value) is { } path)
                {
                    candidates.Add(path);
                }
            }
        }

        return [.. candidates];
    }

    /// <summary>
    /// <paramref name="relative"/> resolved against <paramref name="directory"/> (both repository-relative, '/'
    /// separated), or null when it is a URL, absolute, empty, multi-line or leaves the repository.
    /// </summary>
    public static string? Resolve(string directory, string relative)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(relative);
        var trimmed = relative.Trim();
        if (trimmed.Length == 0 || trimmed.StartsWith('/') || trimmed.Contains("://", StringComparison.Ordinal) || trimmed.Contains('\n', StringComparison.Ordinal))
        {
            return null;
        }

        var parts = new List<string>(directory.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(part => part != "."));
        foreach (var part in trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
            }
            else if (part != ".")
            {
                parts.Add(part);
            }
        }

        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    private static IEnumerable<string> Strings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    foreach (var text in Strings(value))
                    {
                        yield return text;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var text in Strings(item))
                    {
                        yield return text;
                    }
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                yield return value.GetValue<string>();
                break;
        }
    }
}
