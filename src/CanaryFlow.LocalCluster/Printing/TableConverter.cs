using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Registry;
using CanaryFlow.LocalCluster.Schema;

namespace CanaryFlow.LocalCluster.Printing;

/// <summary>Builds meta.k8s.io Table responses, which is how kubectl get shows printer columns.</summary>
public static class TableConverter
{
    private const string _nameDescription =
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: http://kubernetes.io/docs/user-guide/identifiers#names";

    public static JsonObject Build(
        ResourceDescriptor d,
        IEnumerable<JsonObject> storedObjects,
        string tableApiVersion,
        string includeObject,
        DateTimeOffset now,
        JsonObject listMetadata,
        bool includeColumnDefinitions = true)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(storedObjects);
        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = tableApiVersion,
            ["metadata"] = listMetadata,
        };
        if (includeColumnDefinitions)
        {
            var definitions = new JsonArray();
            if (d.NameColumnFirst)
            {
                definitions.Add(new JsonObject { ["name"] = "Name", ["type"] = "string", ["format"] = "name", ["description"] = _nameDescription, ["priority"] = 0 });
            }

            foreach (var column in d.Columns)
            {
                definitions.Add(column.Definition());
            }

            table["columnDefinitions"] = definitions;
        }
        else
        {
            table["columnDefinitions"] = new JsonArray();
        }

        var rows = new JsonArray();
        foreach (var stored in storedObjects)
        {
            // Built-in columns read the stored shape; custom columns' JSONPaths may address apiVersion and kind.
            var source = d.IsCustomResource ? GenericRegistry.ToExternal(d, stored) : stored;
            var cells = new JsonArray();
            if (d.NameColumnFirst)
            {
                cells.Add(stored.Name());
            }

            foreach (var column in d.Columns)
            {
                cells.Add(column.Cell(source, now)?.DeepClone());
            }

            var row = new JsonObject { ["cells"] = cells };
            switch (includeObject)
            {
                case "Object":
                    row["object"] = GenericRegistry.ToExternal(d, stored);
                    break;
                case "None":
                    break;
                default:
                    row["object"] = new JsonObject
                    {
                        ["kind"] = "PartialObjectMetadata",
                        ["apiVersion"] = "meta.k8s.io/v1",
                        // PartialObjectMetadata is a Go struct: custom resources' (sorted) metadata gets ObjectMeta's field order.
                        ["metadata"] = stored.MetadataOrNull() is { } metadata
                            ? ObjectCanonicalizer.Canonicalize(metadata, ObjectMetaSchema.Instance, builtIn: true)
                            : new JsonObject(),
                    };
                    break;
            }

            rows.Add(row);
        }

        table["rows"] = rows;
        return table;
    }
}
