using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Registry;
using CanaryFlow.LocalCluster.Schema;

namespace CanaryFlow.LocalCluster.OpenApi;

/// <summary>
/// The /openapi/v3 discovery root and one document per group-version. kubectl reads them before it applies
/// anything: it checks that PATCH operations declare the fieldValidation parameter (then it leaves validation
/// to the server) and takes strategic-merge metadata from the schemas.
/// </summary>
public sealed class OpenApiDocuments
{
    private const string _componentPrefix = "#/components/schemas/";
    private readonly ResourceRegistry _registry;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long Generation, byte[] Body, string Hash)> _cache = new(StringComparer.Ordinal);

    public OpenApiDocuments(ResourceRegistry registry) => _registry = registry;

    /// <summary>The root: every group-version's document URL with its content hash.</summary>
    public JsonObject Root()
    {
        var paths = new JsonObject();
        foreach (var (group, versions) in _registry.Groups())
        {
            foreach (var version in versions)
            {
                var key = group.Length == 0 ? "api/" + version : $"apis/{group}/{version}";
                var document = Document(key);
                if (document is not null)
                {
                    paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={document.Value.Hash}" };
                }
            }
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document of <c>api/v1</c> or <c>apis/{group}/{version}</c>, or null when nothing is served there.</summary>
    public (byte[] Body, string Hash)? Document(string key)
    {
        var generation = _registry.Generation;
        lock (_lock)
        {
            if (_cache.TryGetValue(key, out var cached) && cached.Generation == generation)
            {
                return (cached.Body, cached.Hash);
            }
        }

        var parts = key.Split('/');
        (string Group, string Version)? gv = parts switch
        {
            ["api", var v] => ("", v),
            ["apis", var g, var v] => (g, v),
            _ => null,
        };
        if (gv is null)
        {
            return null;
        }

        var descriptors = _registry.All.Where(d => d.Group == gv.Value.Group && d.Version == gv.Value.Version).ToList();
        if (descriptors.Count == 0)
        {
            return null;
        }

        var body = Encoding.UTF8.GetBytes(Build(descriptors).ToJsonString());
        var hash = Convert.ToHexString(SHA512.HashData(body));
        lock (_lock)
        {
            _cache[key] = (generation, body, hash);
        }

        return (body, hash);
    }

    private static JsonObject Build(IReadOnlyList<ResourceDescriptor> descriptors)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var d in descriptors.OrderBy(d => d.Resource, StringComparer.Ordinal))
        {
            var definition = d.OpenApiDefinitionName ?? DefinitionName(d);
            AddSchemas(d, definition, schemas);
            OpenApiPaths.Add(paths, d, _componentPrefix + definition);
        }

        AddDefinitionWithDependencies("io.k8s.apimachinery.pkg.apis.meta.v1.Status", schemas);
        AddDefinitionWithDependencies("io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions", schemas);
        if (descriptors.Any(d => d.Scale is not null))
        {
            AddDefinitionWithDependencies("io.k8s.api.autoscaling.v1.Scale", schemas);
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    /// <summary><c>com.example.bars.v1.Widget</c>: the reversed group, version and kind, as the real server names CRD schemas.</summary>
    public static string DefinitionName(ResourceDescriptor d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var group = string.Join('.', d.Group.Split('.').Reverse());
        return $"{group}.{d.Version}.{d.Kind}";
    }

    private static void AddSchemas(ResourceDescriptor d, string definition, JsonObject schemas)
    {
        if (d.IsCustomResource)
        {
            var schema = (JsonObject?)d.OpenApiSchema?.DeepClone() ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
            var properties = schema["properties"] as JsonObject ?? [];
            schema["properties"] = properties;
            properties["apiVersion"] = new JsonObject { ["type"] = "string" };
            properties["kind"] = new JsonObject { ["type"] = "string" };
            properties["metadata"] = new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = _componentPrefix + "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta" }) };
            schema["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = d.Group, ["kind"] = d.Kind, ["version"] = d.Version });
            schemas[definition] = schema;
            schemas[definition + "List"] = new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("items"),
                ["properties"] = new JsonObject
                {
                    ["apiVersion"] = new JsonObject { ["type"] = "string" },
                    ["items"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = _componentPrefix + definition } },
                    ["kind"] = new JsonObject { ["type"] = "string" },
                    ["metadata"] = new JsonObject { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = _componentPrefix + "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta" }) },
                },
                ["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = d.Group, ["kind"] = d.ListKind, ["version"] = d.Version }),
            };
            AddDefinitionWithDependencies("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", schemas);
            AddDefinitionWithDependencies("io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta", schemas);
            return;
        }

        AddDefinitionWithDependencies(definition, schemas);
    }

    /// <summary>Copies a built-in definition and everything it references, rewriting refs to components.</summary>
    private static void AddDefinitionWithDependencies(string name, JsonObject schemas)
    {
        var definitions = BuiltInSchemas.Instance.Definitions;
        var pending = new Stack<string>();
        pending.Push(name);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            if (schemas.ContainsKey(next) || !definitions.TryGetValue(next, out var raw))
            {
                continue;
            }

            var copy = (JsonObject)raw.DeepClone();
            RewriteRefs(copy, pending);
            schemas[next] = copy;
        }
    }

    private static void RewriteRefs(JsonNode? node, Stack<string> pending)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue v && v.TryGetValue(out string? reference) && reference.StartsWith("#/definitions/", StringComparison.Ordinal))
                {
                    var target = reference["#/definitions/".Length..];
                    pending.Push(target);
                    if (obj.Count == 1)
                    {
                        obj["$ref"] = _componentPrefix + target;
                    }
                    else
                    {
                        // OpenAPI 3.0 ignores siblings of $ref; the real server wraps the reference in allOf so that
                        // defaults and x-kubernetes-patch-strategy next to it (e.g. retainKeys) are seen by kubectl.
                        obj.Remove("$ref");
                        obj["allOf"] = new JsonArray(new JsonObject { ["$ref"] = _componentPrefix + target });
                    }

                    break;
                }

                foreach (var (_, child) in obj.ToList())
                {
                    RewriteRefs(child, pending);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    RewriteRefs(child, pending);
                }

                break;
        }
    }
}
