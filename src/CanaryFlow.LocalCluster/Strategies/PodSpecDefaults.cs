using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Json;

namespace CanaryFlow.LocalCluster.Strategies;

/// <summary>The pod defaults that depend on values (static ones come from the schema's <c>default</c>s).</summary>
internal static class PodSpecDefaults
{
    public static void Apply(JsonObject? podSpec)
    {
        if (podSpec is null)
        {
            return;
        }

        foreach (var list in new[] { "containers", "initContainers", "ephemeralContainers" })
        {
            foreach (var container in podSpec.GetArray(list)?.OfType<JsonObject>() ?? [])
            {
                if (container["imagePullPolicy"] is null)
                {
                    container["imagePullPolicy"] = IsLatest(container.GetString("image") ?? "") ? "Always" : "IfNotPresent";
                }
            }
        }
    }

    /// <summary>A pod template always carries metadata; its creationTimestamp prints as null.</summary>
    public static void ApplyTemplate(JsonObject? template)
    {
        if (template is null)
        {
            return;
        }

        var metadata = template.GetOrAddObject("metadata");
        if (!metadata.ContainsKey("creationTimestamp"))
        {
            metadata["creationTimestamp"] = null;
        }

        Apply(template.GetObject("spec"));
    }

    /// <summary>An image without a tag or digest, or tagged latest, is pulled Always.</summary>
    private static bool IsLatest(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return false;
        }

        var lastSlash = image.LastIndexOf('/');
        var name = lastSlash >= 0 ? image[(lastSlash + 1)..] : image;
        var colon = name.LastIndexOf(':');
        return colon < 0 || name[(colon + 1)..] == "latest";
    }
}
