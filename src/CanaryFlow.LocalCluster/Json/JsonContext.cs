using System.Text.Json.Serialization;

namespace CanaryFlow.LocalCluster.Json;

/// <summary>Source-generated serialisation for the few plain values the server writes outside JSON nodes.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class JsonContext : JsonSerializerContext;
