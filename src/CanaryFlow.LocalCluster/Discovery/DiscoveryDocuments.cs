using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Registry;

namespace CanaryFlow.LocalCluster.Discovery;

/// <summary>The legacy (unaggregated) discovery documents: /api, /apis, /apis/{group} and the resource lists.</summary>
public static class DiscoveryDocuments
{
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-localcluster",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(ResourceRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var groups = new JsonArray();
        foreach (var (group, versions) in registry.Groups())
        {
            if (group.Length > 0)
            {
                groups.Add(GroupEntry(group, versions));
            }
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    public static JsonObject? Group(ResourceRegistry registry, string group)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var match = registry.Groups().FirstOrDefault(g => g.Group == group);
        if (match.Versions is null || group.Length == 0)
        {
            return null;
        }

        var entry = GroupEntry(group, match.Versions);
        var result = new JsonObject { ["kind"] = "APIGroup", ["apiVersion"] = "v1" };
        foreach (var (name, value) in entry)
        {
            result[name] = value?.DeepClone();
        }

        return result;
    }

    public static JsonObject? ResourceList(ResourceRegistry registry, string group, string version)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var descriptors = registry.All.Where(d => d.Group == group && d.Version == version).OrderBy(d => d.Resource, StringComparer.Ordinal).ToList();
        if (descriptors.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var d in descriptors)
        {
            var entry = new JsonObject
            {
                ["name"] = d.Resource,
                ["singularName"] = d.Singular,
                ["namespaced"] = d.Namespaced,
                ["kind"] = d.Kind,
                ["verbs"] = new JsonArray(d.Verbs.Select(v => (JsonNode?)v).ToArray()),
            };
            if (d.ShortNames.Count > 0)
            {
                entry["shortNames"] = new JsonArray(d.ShortNames.Select(v => (JsonNode?)v).ToArray());
            }

            if (d.Categories.Count > 0)
            {
                entry["categories"] = new JsonArray(d.Categories.Select(v => (JsonNode?)v).ToArray());
            }

            resources.Add(entry);
            if (d.HasStatusSubresource)
            {
                resources.Add(Subresource(d, "status", null));
            }

            if (d.Scale is not null)
            {
                resources.Add(Subresource(d, "scale", ("autoscaling", "v1", "Scale")));
            }
        }

        var list = new JsonObject { ["kind"] = "APIResourceList" };
        if (group.Length > 0)
        {
            list["apiVersion"] = "v1";
        }

        list["groupVersion"] = group.Length == 0 ? version : group + "/" + version;
        list["resources"] = resources;
        return list;
    }

    private static JsonObject Subresource(ResourceDescriptor d, string name, (string Group, string Version, string Kind)? kind)
    {
        var entry = new JsonObject
        {
            ["name"] = d.Resource + "/" + name,
            ["singularName"] = "",
            ["namespaced"] = d.Namespaced,
        };
        if (kind is { } k)
        {
            entry["group"] = k.Group;
            entry["version"] = k.Version;
            entry["kind"] = k.Kind;
        }
        else
        {
            entry["kind"] = d.Kind;
        }

        entry["verbs"] = new JsonArray("get", "patch", "update");
        return entry;
    }

    private static JsonObject GroupEntry(string group, IReadOnlyList<string> versions)
    {
        var list = new JsonArray();
        foreach (var version in versions)
        {
            list.Add(new JsonObject { ["groupVersion"] = group + "/" + version, ["version"] = version });
        }

        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = list,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = group + "/" + versions[0], ["version"] = versions[0] },
        };
    }
}
