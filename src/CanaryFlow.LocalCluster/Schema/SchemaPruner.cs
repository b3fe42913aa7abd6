using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CanaryFlow.LocalCluster.Schema;

/// <summary>
/// Drops the fields a structural schema does not declare, as apiextensions-apiserver prunes custom resources before
/// they are stored. <c>x-kubernetes-preserve-unknown-fields</c> keeps unknown fields below a node while declared
/// properties further down are pruned again; <c>x-kubernetes-embedded-resource</c> (and the resource root) keeps
/// <c>apiVersion</c> and <c>kind</c> and prunes <c>metadata</c> to <see cref="ObjectMetaSchema"/>.
/// </summary>
/// <remarks>
/// As upstream, <c>additionalProperties: true</c> keeps the keys but prunes the values as if they had no schema (nested
/// objects lose all their fields), and an array without an <c>items</c> schema prunes its objects the same way.
/// Unlike upstream, a node without <c>type</c> whose meaning comes from <c>anyOf</c>/<c>oneOf</c> (built-in kinds'
/// schemas such as Quantity) is kept whole: such nodes are never structural, and dropping their content would break
/// built-in objects.
/// </remarks>
public static class SchemaPruner
{
    public static PruneResult Prune(JsonNode? value, StructuralSchema schema, bool isResourceRoot)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var run = new PruneRun();
        var pruned = run.PruneNode(value, schema, isResourceRoot || schema.EmbeddedResource);
        run.Unknown.Sort(StringComparer.Ordinal);
        return new PruneResult(pruned, run.Unknown);
    }

    private static bool IsMetaField(string key) => key is "apiVersion" or "kind" or "metadata";

    /// <summary>A typeless node defined only through anyOf/oneOf: its content is not described structurally.</summary>
    private static bool IsOpaqueLeaf(StructuralSchema schema) =>
        schema.Type is null && !schema.PreserveUnknownFields && !schema.IntOrString &&
        (schema.AnyOf.Count > 0 || schema.OneOf.Count > 0) && schema.Properties.Count == 0 &&
        schema.AdditionalProperties is null && schema.Items is null;

    private sealed class PruneRun
    {
        private readonly StringBuilder _path = new();

        public List<string> Unknown { get; } = [];

        public JsonNode? PruneNode(JsonNode? value, StructuralSchema? schema, bool embedded)
        {
            if (schema is { PreserveUnknownFields: true })
            {
                return KeepUnknown(value, schema, embedded);
            }

            switch (value)
            {
                case JsonObject obj:
                    return PruneObject(obj, schema, embedded);
                case JsonArray array:
                    var items = schema?.Items;
                    var result = new JsonArray();
                    for (var i = 0; i < array.Count; i++)
                    {
                        var mark = AppendIndex(i);
                        result.Add(PruneNode(array[i], items, items?.EmbeddedResource ?? false));
                        _path.Length = mark;
                    }

                    return result;
                default:
                    return value?.DeepClone();
            }
        }

        private JsonObject PruneObject(JsonObject obj, StructuralSchema? schema, bool embedded)
        {
            var result = new JsonObject();
            if (schema is null)
            {
                for (var i = 0; i < obj.Count; i++)
                {
                    RecordUnknown(obj.GetAt(i).Key);
                }

                return result;
            }

            if (IsOpaqueLeaf(schema))
            {
                return (JsonObject)obj.DeepClone();
            }

            for (var i = 0; i < obj.Count; i++)
            {
                var (key, child) = obj.GetAt(i);
                if (embedded && IsMetaField(key))
                {
                    result[key] = PruneMetaField(key, child);
                }
                else if (schema.Properties.TryGetValue(key, out var property))
                {
                    var mark = AppendKey(key);
                    result[key] = PruneNode(child, property, property.EmbeddedResource);
                    _path.Length = mark;
                }
                else if (schema.AdditionalProperties is { } additional)
                {
                    var mark = AppendKey(key);
                    result[key] = PruneNode(child, additional, additional.EmbeddedResource);
                    _path.Length = mark;
                }
                else if (schema.AdditionalPropertiesAllowed)
                {
                    var mark = AppendKey(key);
                    result[key] = PruneNode(child, null, false);
                    _path.Length = mark;
                }
                else if (!IsMetaField(key) || _path.Length > 0)
                {
                    // Upstream drops an undeclared apiVersion/kind/metadata at a non-resource root without reporting it.
                    RecordUnknown(key);
                }
            }

            return result;
        }

        /// <summary>Below x-kubernetes-preserve-unknown-fields: unknown fields stay, declared ones are pruned again.</summary>
        private JsonNode? KeepUnknown(JsonNode? value, StructuralSchema? schema, bool embedded)
        {
            if (schema is null)
            {
                return value?.DeepClone();
            }

            switch (value)
            {
                case JsonObject obj:
                    var result = new JsonObject();
                    for (var i = 0; i < obj.Count; i++)
                    {
                        var (key, child) = obj.GetAt(i);
                        if (embedded && IsMetaField(key))
                        {
                            result[key] = PruneMetaField(key, child);
                        }
                        else if (schema.Properties.TryGetValue(key, out var property))
                        {
                            var mark = AppendKey(key);
                            result[key] = PruneNode(child, property, property.EmbeddedResource);
                            _path.Length = mark;
                        }
                        else if (schema.AdditionalProperties is not null || schema.AdditionalPropertiesAllowed)
                        {
                            var mark = AppendKey(key);
                            var additional = schema.AdditionalProperties;
                            result[key] = PruneNode(child, additional, additional?.EmbeddedResource ?? false);
                            _path.Length = mark;
                        }
                        else
                        {
                            result[key] = child?.DeepClone();
                        }
                    }

                    return result;
                case JsonArray array:
                    var items = new JsonArray();
                    for (var i = 0; i < array.Count; i++)
                    {
                        var mark = AppendIndex(i);
                        items.Add(KeepUnknown(array[i], schema.Items, schema.Items?.EmbeddedResource ?? false));
                        _path.Length = mark;
                    }

                    return items;
                default:
                    return value?.DeepClone();
            }
        }

        private JsonNode? PruneMetaField(string key, JsonNode? value)
        {
            if (key != "metadata" || value is not JsonObject)
            {
                return value?.DeepClone();
            }

            var mark = AppendKey(key);
            var pruned = PruneNode(value, ObjectMetaSchema.Instance, false);
            _path.Length = mark;
            return pruned;
        }

        private void RecordUnknown(string key)
        {
            var mark = AppendKey(key);
            Unknown.Add(_path.ToString());
            _path.Length = mark;
        }

        private int AppendKey(string key)
        {
            var mark = _path.Length;
            if (mark > 0)
            {
                _path.Append('.');
            }

            _path.Append(key);
            return mark;
        }

        private int AppendIndex(int index)
        {
            var mark = _path.Length;
            _path.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            return mark;
        }
    }
}
