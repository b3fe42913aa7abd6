using System.Text;

namespace CanaryFlow.Kubernetes.Client;

/// <summary>
/// A kind of resource, described once: its group, version, plural and scope. Everything the client builds for it
/// (URLs, apiVersion, messages) derives from this.
/// </summary>
public sealed record ResourceType(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary><c>plural</c> or <c>plural.group</c>, as the API server names the resource in messages.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : Plural + "." + Group;

    /// <summary>The collection path: one namespace, or every namespace (or cluster-scoped) when <paramref name="ns"/> is null.</summary>
    public string CollectionPath(string? ns)
    {
        var path = new StringBuilder(Group.Length == 0 ? "/api/" + Version : $"/apis/{Group}/{Version}");
        if (Namespaced && !string.IsNullOrEmpty(ns))
        {
            path.Append("/namespaces/").Append(Uri.EscapeDataString(ns));
        }

        return path.Append('/').Append(Plural).ToString();
    }

    public string ItemPath(string? ns, string name, string? subresource = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Namespaced && string.IsNullOrEmpty(ns))
        {
            throw new ArgumentException($"{QualifiedName} is namespaced: a namespace is required", nameof(ns));
        }

        var path = CollectionPath(ns) + "/" + Uri.EscapeDataString(name);
        return subresource is null ? path : path + "/" + subresource;
    }

    public override string ToString() => $"{ApiVersion} {Kind}";
}
