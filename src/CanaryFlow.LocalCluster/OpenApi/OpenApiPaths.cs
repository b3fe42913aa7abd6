using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Registry;

namespace CanaryFlow.LocalCluster.OpenApi;

/// <summary>The path items of one resource in an OpenAPI v3 document, shaped like the real server's.</summary>
internal static class OpenApiPaths
{
    private static readonly string[] _listParameters =
        ["allowWatchBookmarks", "continue", "fieldSelector", "labelSelector", "limit", "resourceVersion", "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds", "watch"];

    private static readonly string[] _writeParameters = ["dryRun", "fieldManager", "fieldValidation"];

    public static void Add(JsonObject paths, ResourceDescriptor d, string schemaRef)
    {
        var prefix = d.Group.Length == 0 ? "/api/" + d.Version : $"/apis/{d.Group}/{d.Version}";
        var scope = d.Namespaced ? prefix + "/namespaces/{namespace}/" + d.Resource : prefix + "/" + d.Resource;
        var gvk = new JsonObject { ["group"] = d.Group, ["version"] = d.Version, ["kind"] = d.Kind };
        var name = OperationName(d);
        var namespaced = d.Namespaced ? "Namespaced" : "";
        var patchTypes = PatchMediaTypes.Accepted(d.Strategy.SupportsStrategicMergePatch);

        paths[scope] = new JsonObject
        {
            ["get"] = Operation($"list{name}{namespaced}{d.Kind}", "list", gvk, _listParameters, null, schemaRef + "List"),
            ["post"] = Operation($"create{name}{namespaced}{d.Kind}", "post", gvk, _writeParameters, ["application/json", "application/yaml"], schemaRef),
            ["delete"] = Operation($"delete{name}Collection{namespaced}{d.Kind}", "deletecollection", gvk, [.. _listParameters, "dryRun", "gracePeriodSeconds", "propagationPolicy"], null, "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Status"),
            ["parameters"] = PathParameters(d.Namespaced, withName: false),
        };
        paths[scope + "/{name}"] = Item(d, name, namespaced, "", gvk, schemaRef, patchTypes);
        if (d.HasStatusSubresource)
        {
            paths[scope + "/{name}/status"] = Item(d, name, namespaced, "Status", gvk, schemaRef, patchTypes, subresource: true);
        }

        if (d.Scale is not null)
        {
            var scaleGvk = new JsonObject { ["group"] = "autoscaling", ["version"] = "v1", ["kind"] = "Scale" };
            paths[scope + "/{name}/scale"] = Item(d, name, namespaced, "Scale", scaleGvk, "#/components/schemas/io.k8s.api.autoscaling.v1.Scale", patchTypes, subresource: true);
        }

        if (d.Namespaced)
        {
            paths[prefix + "/" + d.Resource] = new JsonObject
            {
                ["get"] = Operation($"list{name}{d.Kind}ForAllNamespaces", "list", gvk, [], null, schemaRef + "List"),
                ["parameters"] = new JsonArray(_listParameters.Select(p => (JsonNode)QueryParameter(p)).ToArray()),
            };
        }
    }

    private static JsonObject Item(ResourceDescriptor d, string name, string namespaced, string suffix, JsonObject gvk, string schemaRef, IReadOnlyList<string> patchTypes, bool subresource = false)
    {
        var item = new JsonObject
        {
            ["get"] = Operation($"read{name}{namespaced}{d.Kind}{suffix}", "get", gvk, ["resourceVersion"], null, schemaRef),
            ["put"] = Operation($"replace{name}{namespaced}{d.Kind}{suffix}", "put", gvk, _writeParameters, ["application/json", "application/yaml"], schemaRef),
            ["patch"] = Operation($"patch{name}{namespaced}{d.Kind}{suffix}", "patch", gvk, [.. _writeParameters, "force"], patchTypes, schemaRef),
        };
        if (!subresource)
        {
            item["delete"] = Operation($"delete{name}{namespaced}{d.Kind}", "delete", gvk, ["dryRun", "gracePeriodSeconds", "propagationPolicy"], ["application/json", "application/yaml"], "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Status");
        }

        item["parameters"] = PathParameters(d.Namespaced, withName: true);
        return item;
    }

    private static JsonObject Operation(string operationId, string action, JsonObject gvk, IEnumerable<string> query, IReadOnlyList<string>? bodyTypes, string responseRef)
    {
        var op = new JsonObject
        {
            ["operationId"] = operationId,
            ["parameters"] = new JsonArray(query.Select(p => (JsonNode)QueryParameter(p)).ToArray()),
        };
        if (bodyTypes is not null)
        {
            var content = new JsonObject();
            foreach (var type in bodyTypes)
            {
                content[type] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = responseRef } };
            }

            op["requestBody"] = new JsonObject { ["content"] = content, ["required"] = true };
        }

        op["responses"] = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["description"] = "OK",
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = responseRef } } },
            },
            ["401"] = new JsonObject { ["description"] = "Unauthorized" },
        };
        op["x-kubernetes-action"] = action;
        op["x-kubernetes-group-version-kind"] = gvk.DeepClone();
        return op;
    }

    private static JsonObject QueryParameter(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = name is "limit" or "timeoutSeconds" or "gracePeriodSeconds" ? "integer" : name is "watch" or "allowWatchBookmarks" or "force" or "sendInitialEvents" ? "boolean" : "string", ["uniqueItems"] = true },
    };

    private static JsonArray PathParameters(bool namespaced, bool withName)
    {
        var parameters = new JsonArray();
        if (withName)
        {
            parameters.Add(new JsonObject { ["name"] = "name", ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true } });
        }

        if (namespaced)
        {
            parameters.Add(new JsonObject { ["name"] = "namespace", ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true } });
        }

        parameters.Add(new JsonObject { ["name"] = "pretty", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true } });
        return parameters;
    }

    private static string OperationName(ResourceDescriptor d)
    {
        var group = d.Group.Length == 0 ? "Core" : string.Concat(d.Group.Split('.', '-').Select(Capitalize));
        return group + Capitalize(d.Version);
    }

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
