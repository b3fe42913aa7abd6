using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Registry;

/// <summary>Converts an object between its stored representation and the representation of one API version.</summary>
public interface IObjectConverter
{
    /// <summary>Stored form (without apiVersion/kind) to the endpoint's form (also without them).</summary>
    JsonObject ToExternal(JsonObject stored);

    /// <summary>Endpoint form to stored form.</summary>
    JsonObject ToStorage(JsonObject external);
}
