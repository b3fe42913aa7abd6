using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// One node of an OpenAPI v3 schema as Kubernetes uses it (CRD openAPIV3Schema and the built-in kinds' schemas).
/// Parsed once; the original JSON is kept so the OpenAPI documents can be served as the user wrote them.
/// </summary>
public sealed class StructuralSchema
{
    private static readonly IReadOnlyDictionary<string, StructuralSchema> _noProperties = new Dictionary<string, StructuralSchema>();

    public required JsonObject Raw { get; init; }
    public string? Type { get; init; }
    public string? Format { get; init; }
    public string? Description { get; init; }

    /// <summary>Declared properties in declaration order (the order the real server serialises built-in kinds in).</summary>
    public IReadOnlyDictionary<string, StructuralSchema> Properties { get; init; } = _noProperties;
    public IReadOnlyList<string> PropertyOrder { get; init; } = [];

    /// <summary>Schema of map values when <c>additionalProperties</c> is a schema.</summary>
    public StructuralSchema? AdditionalProperties { get; init; }

    /// <summary><c>additionalProperties: true</c>: any value is allowed and kept.</summary>
    public bool AdditionalPropertiesAllowed { get; init; }

    public StructuralSchema? Items { get; init; }
    public IReadOnlyList<string> Required { get; init; } = [];
    public JsonNode? Default { get; init; }
    public bool HasDefault { get; init; }
    public bool Nullable { get; init; }
    public IReadOnlyList<JsonNode?>? Enum { get; init; }
    public double? Minimum { get; init; }
    public double? Maximum { get; init; }
    public bool ExclusiveMinimum { get; init; }
    public bool ExclusiveMaximum { get; init; }
    public double? MultipleOf { get; init; }
    public long? MinLength { get; init; }
    public long? MaxLength { get; init; }
    public long? MinItems { get; init; }
    public long? MaxItems { get; init; }
    public long? MinProperties { get; init; }
    public long? MaxProperties { get; init; }
    public string? Pattern { get; init; }
    public bool UniqueItems { get; init; }

    public bool PreserveUnknownFields { get; init; }
    public bool IntOrString { get; init; }
    public bool EmbeddedResource { get; init; }

    /// <summary><c>x-kubernetes-list-type</c>: atomic, set or map.</summary>
    public string? ListType { get; init; }
    public IReadOnlyList<string> ListMapKeys { get; init; } = [];

    /// <summary><c>x-kubernetes-map-type</c>: atomic or granular.</summary>
    public string? MapType { get; init; }

    /// <summary><c>x-kubernetes-patch-strategy</c>, e.g. "merge" or "merge,retainKeys".</summary>
    public string? PatchStrategy { get; init; }

    /// <summary><c>x-kubernetes-patch-merge-key</c>.</summary>
    public string? PatchMergeKey { get; init; }

    public IReadOnlyList<StructuralSchema> AllOf { get; init; } = [];
    public IReadOnlyList<StructuralSchema> AnyOf { get; init; } = [];
    public IReadOnlyList<StructuralSchema> OneOf { get; init; } = [];
    public StructuralSchema? Not { get; init; }

    /// <summary>CEL rules (<c>x-kubernetes-validations</c>); kept for the OpenAPI documents, not evaluated.</summary>
    public JsonArray? Validations { get; init; }

    public bool HasPatchStrategy(string strategy) =>
        PatchStrategy is not null && PatchStrategy.Split(',').Contains(strategy, StringComparer.Ordinal);

    /// <summary>The schema of the named property, or of map values, or null when the field is unknown.</summary>
    public StructuralSchema? PropertyOrAdditional(string name) =>
        Properties.TryGetValue(name, out var property) ? property : AdditionalProperties;

    public static StructuralSchema Parse(JsonObject raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var properties = new Dictionary<string, StructuralSchema>(StringComparer.Ordinal);
        var order = new List<string>();
        if (raw["properties"] is JsonObject props)
        {
            foreach (var (name, value) in props)
            {
                if (value is JsonObject child)
                {
                    properties[name] = Parse(child);
                    order.Add(name);
                }
            }
        }

        StructuralSchema? additional = null;
        var additionalAllowed = false;
        switch (raw["additionalProperties"])
        {
            case JsonObject additionalSchema:
                additional = Parse(additionalSchema);
                break;
            case JsonValue v when v.TryGetValue(out bool allowed):
                additionalAllowed = allowed;
                break;
        }

        return new StructuralSchema
        {
            Raw = raw,
            Type = Str(raw, "type"),
            Format = Str(raw, "format"),
            Description = Str(raw, "description"),
            Properties = properties,
            PropertyOrder = order,
            AdditionalProperties = additional,
            AdditionalPropertiesAllowed = additionalAllowed,
            Items = raw["items"] is JsonObject items ? Parse(items) : null,
            Required = StrList(raw, "required"),
            Default = raw["default"]?.DeepClone(),
            HasDefault = raw.ContainsKey("default"),
            Nullable = Bool(raw, "nullable"),
            Enum = raw["enum"] is JsonArray e ? e.Select(x => x?.DeepClone()).ToList() : null,
            Minimum = Num(raw, "minimum"),
            Maximum = Num(raw, "maximum"),
            ExclusiveMinimum = Bool(raw, "exclusiveMinimum"),
            ExclusiveMaximum = Bool(raw, "exclusiveMaximum"),
            MultipleOf = Num(raw, "multipleOf"),
            MinLength = Int(raw, "minLength"),
            MaxLength = Int(raw, "maxLength"),
            MinItems = Int(raw, "minItems"),
            MaxItems = Int(raw, "maxItems"),
            MinProperties = Int(raw, "minProperties"),
            MaxProperties = Int(raw, "maxProperties"),
            Pattern = Str(raw, "pattern"),
            UniqueItems = Bool(raw, "uniqueItems"),
            PreserveUnknownFields = Bool(raw, "x-kubernetes-preserve-unknown-fields"),
            IntOrString = Bool(raw, "x-kubernetes-int-or-string"),
            EmbeddedResource = Bool(raw, "x-kubernetes-embedded-resource"),
            ListType = Str(raw, "x-kubernetes-list-type"),
            ListMapKeys = StrList(raw, "x-kubernetes-list-map-keys"),
            MapType = Str(raw, "x-kubernetes-map-type"),
            PatchStrategy = Str(raw, "x-kubernetes-patch-strategy"),
            PatchMergeKey = Str(raw, "x-kubernetes-patch-merge-key"),
            AllOf = SchemaList(raw, "allOf"),
            AnyOf = SchemaList(raw, "anyOf"),
            OneOf = SchemaList(raw, "oneOf"),
            Not = raw["not"] is JsonObject not ? Parse(not) : null,
            Validations = raw["x-kubernetes-validations"] as JsonArray,
        };
    }

    private static string? Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static bool Bool(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue(out bool b) && b;

    // Nodes built in code or by the YAML converter hold a long for integral numbers, which TryGetValue<double> rejects.
    private static double? Num(JsonObject o, string name) => o[name] switch
    {
        JsonValue v when v.TryGetValue(out double d) => d,
        JsonValue v when v.TryGetValue(out long l) => l,
        JsonValue v when v.TryGetValue(out int i) => i,
        _ => null,
    };

    private static long? Int(JsonObject o, string name) => o[name] switch
    {
        JsonValue v when v.TryGetValue(out long l) => l,
        JsonValue v when v.TryGetValue(out int i) => i,
        _ => null,
    };

    private static List<string> StrList(JsonObject o, string name) =>
        o[name] is JsonArray a
            ? a.Select(x => x is JsonValue v && v.TryGetValue(out string? s) ? s : null).OfType<string>().ToList()
            : [];

    private static List<StructuralSchema> SchemaList(JsonObject o, string name) =>
        o[name] is JsonArray a ? a.OfType<JsonObject>().Select(Parse).ToList() : [];
}
