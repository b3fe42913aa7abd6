using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Patching;
using CanaryFlow.LocalCluster.Registry;
using CanaryFlow.LocalCluster.Validation;
using Microsoft.AspNetCore.Http;

namespace CanaryFlow.LocalCluster.Http;

public sealed partial class ApiHandler
{
    private async Task HandleResourceAsync(HttpContext context, ResourcePath? path)
    {
        if (path is null)
        {
            throw ApiErrors.PageNotFound();
        }

        var d = _registry.Resources.Find(path.Group, path.Version, path.Resource) ?? throw ApiErrors.PageNotFound();
        if ((!d.Namespaced && path.Namespace is not null) || (d.Namespaced && path.Namespace is null && path.Name is not null))
        {
            throw ApiErrors.PageNotFound();
        }

        var query = new QueryParameters(context.Request.Query);
        var watch = path.LegacyWatch || query.Flag("watch");
        var verb = Verb(context.Request.Method, path, watch, d);
        CheckSubresource(d, path, verb);
        if (_access.IsForbidden(verb, d.Resource, path.Namespace))
        {
            var resource = path.Subresource is null ? d.Resource : d.Resource + "/" + path.Subresource;
            var scope = path.Namespace is null ? "at the cluster scope" : $"in the namespace \"{path.Namespace}\"";
            throw ApiErrors.Forbidden(d, path.Name, $"User \"{_access.UserName}\" cannot {verb} resource \"{resource}\" in API group \"{d.Group}\" {scope}");
        }

        var delay = _faults.Decide(verb, d.Resource);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _registry.Clock, context.RequestAborted).ConfigureAwait(false);
        }

        var ns = path.Namespace ?? "";
        switch (verb)
        {
            case "get":
                await GetAsync(context, d, path, query).ConfigureAwait(false);
                break;
            case "list":
                await ListAsync(context, d, path, query).ConfigureAwait(false);
                break;
            case "watch":
                await _watches.StreamAsync(context, d, new WatchRequest
                {
                    Namespace = path.Namespace,
                    Labels = query.Labels(),
                    Fields = query.Fields(path.Name),
                    ResourceVersion = query.Get("resourceVersion"),
                    ResourceVersionMatch = query.Get("resourceVersionMatch"),
                    AllowBookmarks = query.Flag("allowWatchBookmarks"),
                    SendInitialEvents = query.Flag("sendInitialEvents"),
                    TimeoutSeconds = query.Long("timeoutSeconds"),
                }, ResponseShape.Negotiate(context.Request.Headers.Accept, query.Get("includeObject"))).ConfigureAwait(false);
                break;
            case "create":
                await CreateAsync(context, d, ns, query).ConfigureAwait(false);
                break;
            case "update":
                await UpdateAsync(context, d, ns, path, query).ConfigureAwait(false);
                break;
            case "patch":
                await PatchAsync(context, d, ns, path, query).ConfigureAwait(false);
                break;
            case "delete":
                var deleted = _registry.Delete(d, ns, path.Name!, await ReadDeleteOptionsAsync(context, query).ConfigureAwait(false));
                if (deleted.Status is not null)
                {
                    await Responses.WriteJsonAsync(context, 200, deleted.Status).ConfigureAwait(false);
                }
                else
                {
                    await Responses.WriteJsonAsync(context, 200, ObjectFraming.Typed(d, deleted.Object!)).ConfigureAwait(false);
                }

                break;
            case "deletecollection":
                var options = await ReadDeleteOptionsAsync(context, query).ConfigureAwait(false);
                var matcher = GenericRegistry.Matcher(d, query.Labels(), query.Fields(null));
                await Responses.WriteJsonAsync(context, 200, _registry.DeleteCollection(d, path.Namespace, matcher, options)).ConfigureAwait(false);
                break;
        }
    }

    private static string Verb(string method, ResourcePath path, bool watch, ResourceDescriptor d)
    {
        var item = path.Name is not null;
        return method switch
        {
            "GET" when watch => "watch",
            "GET" => item ? "get" : "list",
            "POST" when !item => "create",
            "PUT" when item => "update",
            "PATCH" when item => "patch",
            "DELETE" when item && path.Subresource is null => "delete",
            "DELETE" when !item => "deletecollection",
            _ => throw new StatusException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource",
                new StatusDetails(null, d.Group, d.Resource)),
        };
    }

    private static void CheckSubresource(ResourceDescriptor d, ResourcePath path, string verb)
    {
        switch (path.Subresource)
        {
            case null:
                return;
            case "status" when d.HasStatusSubresource && verb is "get" or "update" or "patch":
            case "scale" when d.Scale is not null && verb is "get" or "update" or "patch":
            case "finalize" when d.Resource == "namespaces" && verb == "update":
                return;
            case "status" or "scale" when d.IsCustomResource:
                // The CRD does not enable it: the real server answers as if the object did not exist.
                throw ApiErrors.NotFound(d, path.Name ?? "");
            default:
                throw ApiErrors.PageNotFound();
        }
    }

    private async Task GetAsync(HttpContext context, ResourceDescriptor d, ResourcePath path, QueryParameters query)
    {
        if (path.Subresource == "scale")
        {
            await Responses.WriteJsonAsync(context, 200, _registry.GetScale(d, path.Namespace ?? "", path.Name!)).ConfigureAwait(false);
            return;
        }

        var shape = ResponseShape.Negotiate(context.Request.Headers.Accept, query.Get("includeObject"));
        var stored = await _registry.GetAsync(d, path.Namespace ?? "", path.Name!, query.Get("resourceVersion"), context.RequestAborted).ConfigureAwait(false);
        await Responses.WriteStoredAsync(context, d, stored, shape, _registry.Clock.GetUtcNow()).ConfigureAwait(false);
    }

    private async Task ListAsync(HttpContext context, ResourceDescriptor d, ResourcePath path, QueryParameters query)
    {
        if (query.Get("sendInitialEvents") is not null)
        {
            throw ApiErrors.Invalid("ListOptions.meta.k8s.io", "meta.k8s.io", "ListOptions", "",
                [FieldError.Forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list")]);
        }

        var shape = ResponseShape.Negotiate(context.Request.Headers.Accept, query.Get("includeObject"));
        var page = await _registry.ListAsync(d, new ListRequest
        {
            Namespace = path.Namespace,
            Labels = query.Labels(),
            Fields = query.Fields(null),
            Limit = query.Long("limit"),
            Continue = query.Get("continue"),
            ResourceVersion = query.Get("resourceVersion"),
            ResourceVersionMatch = query.Get("resourceVersionMatch"),
        }, context.RequestAborted).ConfigureAwait(false);
        await Responses.WriteListAsync(context, d, page, shape, _registry.Clock.GetUtcNow()).ConfigureAwait(false);
    }

    private async Task CreateAsync(HttpContext context, ResourceDescriptor d, string ns, QueryParameters query)
    {
        var shape = ResponseShape.Negotiate(context.Request.Headers.Accept, query.Get("includeObject"));
        var (obj, duplicates) = await RequestBodyReader.ReadObjectAsync(context, d, d.Kind, d.ApiVersion).ConfigureAwait(false);
        var result = _registry.Create(d, ns, obj, query.WriteOptions(context, duplicates));
        Responses.AddWarnings(context, result.Warnings);
        await Responses.WriteObjectAsync(context, d, result.Object, 201, shape, _registry.Clock.GetUtcNow()).ConfigureAwait(false);
    }

    private async Task UpdateAsync(HttpContext context, ResourceDescriptor d, string ns, ResourcePath path, QueryParameters query)
    {
        var name = path.Name!;
        if (path.Subresource == "scale")
        {
            var (scale, scaleDuplicates) = await RequestBodyReader.ReadObjectAsync(context, d, "Scale", "autoscaling/v1").ConfigureAwait(false);
            var updated = _registry.UpdateScale(d, ns, name, _ => scale, query.WriteOptions(context, scaleDuplicates, "UpdateOptions"));
            await Responses.WriteJsonAsync(context, 200, updated).ConfigureAwait(false);
            return;
        }

        var shape = ResponseShape.Negotiate(context.Request.Headers.Accept, query.Get("includeObject"));
        var (obj, duplicates) = await RequestBodyReader.ReadObjectAsync(context, d, d.Kind, d.ApiVersion).ConfigureAwait(false);
        var options = query.WriteOptions(context, duplicates, "UpdateOptions");
        var result = path.Subresource == "finalize"
            ? _registry.FinalizeNamespace(d, name, obj, options)
            : _registry.Update(d, ns, name, obj, options, path.Subresource == "status");
        Responses.AddWarnings(context, result.Warnings);
        await Responses.WriteObjectAsync(context, d, result.Object, result.Created ? 201 : 200, shape, _registry.Clock.GetUtcNow()).ConfigureAwait(false);
    }

    private async Task PatchAsync(HttpContext context, ResourceDescriptor d, string ns, ResourcePath path, QueryParameters query)
    {
        var mediaType = RequestBodyReader.MediaType(context);
        var kind = PatchMediaTypes.Parse(mediaType)
            ?? throw ApiErrors.UnsupportedMediaType(mediaType, PatchMediaTypes.Accepted(d.Strategy.SupportsStrategicMergePatch));
        var text = Encoding.UTF8.GetString(await RequestBodyReader.ReadBytesAsync(context).ConfigureAwait(false));
        var options = query.WriteOptions(context, [], "PatchOptions");
        if (path.Subresource == "scale")
        {
            if (kind == PatchKind.Apply)
            {
                throw ApiErrors.UnsupportedMediaType(mediaType, PatchMediaTypes.Accepted(strategicMerge: true).Take(3));
            }

            var updated = _registry.UpdateScale(d, ns, path.Name!, current => PatchScale(current, kind, text), options);
            await Responses.WriteJsonAsync(context, 200, updated).ConfigureAwait(false);
            return;
        }

        var shape = ResponseShape.Negotiate(context.Request.Headers.Accept, query.Get("includeObject"));
        var result = _registry.Patch(d, ns, path.Name!, kind, text, options, path.Subresource == "status");
        Responses.AddWarnings(context, result.Warnings);
        await Responses.WriteObjectAsync(context, d, result.Object, result.Created ? 201 : 200, shape, _registry.Clock.GetUtcNow()).ConfigureAwait(false);
    }

    private static JsonObject PatchScale(JsonObject current, PatchKind kind, string text)
    {
        try
        {
            var patch = JsonNode.Parse(text);
            var result = kind switch
            {
                PatchKind.Json => JsonPatch.Apply(current, patch),
                PatchKind.Merge => JsonMergePatch.Apply(current, patch),
                _ => JsonMergePatch.Apply(current, patch),
            };
            return result as JsonObject ?? throw ApiErrors.BadRequest("the patch did not produce a Scale");
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest("error decoding patch: " + e.Message);
        }
        catch (PatchApplicationException)
        {
            throw ApiErrors.PatchRejected();
        }
        catch (PatchFormatException e)
        {
            throw ApiErrors.BadRequest(e.Message);
        }
    }

    /// <summary>DeleteOptions come from the body when it is not empty, otherwise from the query string.</summary>
    private static async Task<DeleteOptions> ReadDeleteOptionsAsync(HttpContext context, QueryParameters query)
    {
        var bytes = await RequestBodyReader.ReadBytesAsync(context).ConfigureAwait(false);
        if (bytes.Length > 0 && Encoding.UTF8.GetString(bytes).Trim().Length > 0)
        {
            JsonObject? body;
            try
            {
                body = JsonNode.Parse(bytes) as JsonObject;
            }
            catch (JsonException e)
            {
                throw ApiErrors.BadRequest("error decoding DeleteOptions: " + e.Message);
            }

            if (body is null)
            {
                throw ApiErrors.BadRequest("DeleteOptions must be an object");
            }

            var preconditions = body.GetObject("preconditions");
            return new DeleteOptions
            {
                GracePeriodSeconds = body.GetLong("gracePeriodSeconds"),
                PropagationPolicy = body.GetString("propagationPolicy"),
                OrphanDependents = body.GetBool("orphanDependents"),
                PreconditionUid = preconditions?.GetString("uid"),
                PreconditionResourceVersion = preconditions?.GetString("resourceVersion"),
                DryRun = DeleteDryRun(body.GetArray("dryRun")),
            };
        }

        return new DeleteOptions
        {
            GracePeriodSeconds = query.Long("gracePeriodSeconds"),
            PropagationPolicy = query.Get("propagationPolicy"),
            OrphanDependents = query.Get("orphanDependents") is { } orphan ? orphan is "true" or "1" : null,
            DryRun = query.DryRun("DeleteOptions"),
        };
    }

    private static bool DeleteDryRun(JsonArray? values)
    {
        var list = values?.Select(v => v is JsonValue s && s.TryGetValue(out string? text) ? text : v?.ToJsonString() ?? "null").ToList() ?? [];
        QueryParameters.ThrowIfUnsupportedDryRun(list, "DeleteOptions");
        return list.Count > 0;
    }
}
