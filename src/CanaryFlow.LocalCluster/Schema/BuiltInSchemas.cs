using System.Reflection;
using System.Text.Json.Nodes;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// OpenAPI v3 schemas of the built-in kinds LocalCluster serves (Kubernetes 1.32), loaded once from the YAML files
/// embedded under Schema/BuiltIn. Definitions keep their <c>$ref</c>s for the published OpenAPI documents;
/// <see cref="Resolve"/> gives the expanded tree the server validates, defaults and patches with.
/// </summary>
public sealed class BuiltInSchemas
{
    private const string _resourcePrefix = "CanaryFlow.LocalCluster.Schema.BuiltIn.";
    private const string _groupVersionKindExtension = "x-kubernetes-group-version-kind";

    private static readonly Lazy<BuiltInSchemas> _embedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    // The expander works on its own copy so that a caller changing a Definitions entry cannot corrupt Resolve.
    private readonly SchemaRefExpander _expander;
    private readonly Dictionary<string, StructuralSchema> _resolved = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Group, string Version, string Kind), string> _definitionByKind;
    private readonly Lock _gate = new();

    private BuiltInSchemas(Dictionary<string, JsonObject> definitions)
    {
        Definitions = definitions;
        _expander = new SchemaRefExpander(definitions.ToDictionary(d => d.Key, d => (JsonObject)d.Value.DeepClone(), StringComparer.Ordinal));
        _expander.VerifyReferences();
        _definitionByKind = IndexKinds(definitions);
    }

    /// <summary>The schemas embedded in this assembly, loaded on first use.</summary>
    public static BuiltInSchemas Instance => _embedded.Value;

    /// <summary>Every definition by its OpenAPI name, as written (with <c>$ref</c>s). Shared: clone before changing.</summary>
    public IReadOnlyDictionary<string, JsonObject> Definitions { get; }

    /// <summary>Every group/version/kind some definition declares in <c>x-kubernetes-group-version-kind</c>.</summary>
    public IReadOnlyCollection<(string Group, string Version, string Kind)> Kinds => _definitionByKind.Keys;

    /// <summary>The named definition with every <c>$ref</c> expanded; cached, so the same instance is returned each time.</summary>
    public StructuralSchema Resolve(string definitionName)
    {
        ArgumentNullException.ThrowIfNull(definitionName);
        lock (_gate)
        {
            if (!_resolved.TryGetValue(definitionName, out var schema))
            {
                // Parse a clone: StructuralSchema.Raw is handed out, and the expander's copy must stay pristine.
                schema = StructuralSchema.Parse((JsonObject)_expander.Expand(definitionName).DeepClone());
                _resolved[definitionName] = schema;
            }

            return schema;
        }
    }

    /// <summary>The OpenAPI name of the definition of a kind, e.g. io.k8s.api.apps.v1.Deployment; null when not built in.</summary>
    public string? DefinitionNameForKind(string group, string version, string kind) =>
        _definitionByKind.TryGetValue((group, version, kind), out var name) ? name : null;

    /// <summary>The expanded schema of a kind (group is empty for the core group), or null when the kind is not built in.</summary>
    public StructuralSchema? ForKind(string group, string version, string kind) =>
        DefinitionNameForKind(group, version, kind) is { } name ? Resolve(name) : null;

    /// <summary>Loads definitions from YAML documents keyed by a name used in error messages (the file name for embedded ones).</summary>
    internal static BuiltInSchemas FromYaml(IEnumerable<KeyValuePair<string, string>> documents)
    {
        var definitions = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var origin = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, yaml) in documents)
        {
            foreach (var (name, definition) in ReadDefinitions(file, yaml))
            {
                if (origin.TryGetValue(name, out var firstFile))
                {
                    throw new SchemaDefinitionException($"{file}: definition {name} is already defined in {firstFile}");
                }

                origin[name] = file;
                definitions[name] = definition;
            }
        }

        return new BuiltInSchemas(definitions);
    }

    private static BuiltInSchemas LoadEmbedded()
    {
        var assembly = typeof(BuiltInSchemas).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(_resourcePrefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => KeyValuePair.Create(n[_resourcePrefix.Length..], ReadResource(assembly, n)))
            .ToList();
        if (files.Count == 0)
        {
            throw new SchemaDefinitionException($"no embedded schema files named {_resourcePrefix}*.yaml");
        }

        return FromYaml(files);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new SchemaDefinitionException($"embedded resource {name} cannot be opened");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static IEnumerable<KeyValuePair<string, JsonObject>> ReadDefinitions(string file, string yaml)
    {
        JsonNode? document;
        try
        {
            document = YamlJsonConverter.Parse(yaml);
        }
        catch (YamlJsonException e)
        {
            throw new SchemaDefinitionException($"{file}: {e.Message}", e);
        }

        if (document is not JsonObject root || root["definitions"] is not JsonObject definitions)
        {
            throw new SchemaDefinitionException($"{file}: expected a map with a 'definitions' map");
        }

        foreach (var (name, value) in definitions)
        {
            if (value is not JsonObject definition)
            {
                throw new SchemaDefinitionException($"{file}: definition {name} is not a schema object");
            }

            yield return KeyValuePair.Create(name, definition);
        }
    }

    private static Dictionary<(string Group, string Version, string Kind), string> IndexKinds(Dictionary<string, JsonObject> definitions)
    {
        var index = new Dictionary<(string Group, string Version, string Kind), string>();
        foreach (var (name, definition) in definitions)
        {
            if (definition[_groupVersionKindExtension] is not JsonArray kinds)
            {
                continue;
            }

            foreach (var entry in kinds)
            {
                var key = (Text(entry, "group"), Text(entry, "version"), Text(entry, "kind"));
                if (key.Item2.Length == 0 || key.Item3.Length == 0)
                {
                    throw new SchemaDefinitionException($"{name}: {_groupVersionKindExtension} entries need a version and a kind");
                }

                if (!index.TryAdd(key, name))
                {
                    throw new SchemaDefinitionException($"{name}: kind {key} is already declared by {index[key]}");
                }
            }
        }

        return index;
    }

    private static string Text(JsonNode? entry, string name) =>
        entry?[name] is JsonValue v && v.TryGetValue(out string? s) ? s : "";
}
