namespace CanaryFlow.LocalCluster.Http;

/// <summary>
/// A request path under /api/v1 or /apis/{group}/{version} decomposed the way the apiserver's RequestInfoFactory
/// does: namespace, resource, name and subresource.
/// </summary>
public sealed record ResourcePath(string Group, string Version, string? Namespace, string Resource, string? Name, string? Subresource, bool LegacyWatch)
{
    private static readonly HashSet<string> _namespaceSubresources = new(StringComparer.Ordinal) { "status", "finalize" };

    /// <summary>Parses the segments after the group-version; null when they cannot address a resource.</summary>
    public static ResourcePath? Parse(string group, string version, ReadOnlySpan<string> parts)
    {
        var legacyWatch = false;
        if (parts.Length > 0 && parts[0] == "watch")
        {
            legacyWatch = true;
            parts = parts[1..];
        }

        if (parts.Length == 0)
        {
            return null;
        }

        string? ns = null;
        if (parts[0] == "namespaces" && parts.Length > 1)
        {
            if (parts.Length > 2 && !_namespaceSubresources.Contains(parts[2]))
            {
                ns = parts[1];
                parts = parts[2..];
            }
        }

        return parts.Length switch
        {
            1 => new ResourcePath(group, version, ns, parts[0], null, null, legacyWatch),
            2 => new ResourcePath(group, version, ns, parts[0], parts[1], null, legacyWatch),
            3 => new ResourcePath(group, version, ns, parts[0], parts[1], parts[2], legacyWatch),
            _ => null,
        };
    }
}
