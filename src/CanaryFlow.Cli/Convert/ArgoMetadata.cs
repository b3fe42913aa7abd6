using System.Text.Json.Nodes;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Cli.Convert;

/// <summary>The head of a converted object: CanaryFlow's apiVersion, the same kind, and the identity fields of metadata.</summary>
internal static class ArgoMetadata
{
    /// <summary>kubectl apply's record of the Argo object: applying the converted one writes a fresh one.</summary>
    private const string _lastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    public static JsonObject Head(JsonObject argo, string kind)
    {
        ArgumentNullException.ThrowIfNull(argo);
        var metadata = new JsonObject();
        if (argo["metadata"] is JsonObject source)
        {
            ConversionScope.Copy(source, metadata, "name", "namespace", "labels", "annotations");
            if (metadata["annotations"] is JsonObject annotations)
            {
                annotations.Remove(_lastApplied);
                if (annotations.Count == 0)
                {
                    metadata.Remove("annotations");
                }
            }
        }

        return new JsonObject { ["apiVersion"] = RolloutApi.ApiVersion, ["kind"] = kind, ["metadata"] = metadata };
    }
}
