using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Json;
using CanaryFlow.LocalCluster.Printing;
using CanaryFlow.LocalCluster.Registry;
using CanaryFlow.LocalCluster.Storage;
using Microsoft.AspNetCore.Http;

namespace CanaryFlow.LocalCluster.Http;

/// <summary>Writes API responses: JSON objects and lists, Tables, Status errors and Warning headers.</summary>
internal static class Responses
{
    public static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(JsonOutput.Serializer));
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteStatusAsync(HttpContext context, StatusException error)
    {
        if (error.PlainText)
        {
            context.Response.StatusCode = error.Code;
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync(error.Message, context.RequestAborted);
        }

        if (error.Details?.RetryAfterSeconds is { } retry)
        {
            context.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
        }

        return WriteJsonAsync(context, error.Code, error.ToStatus());
    }

    public static void AddWarnings(HttpContext context, IEnumerable<string> warnings)
    {
        foreach (var warning in warnings.Distinct())
        {
            var escaped = warning.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
            context.Response.Headers.Append("Warning", $"299 - \"{escaped}\"");
        }
    }

    /// <summary>A single object, or a one-row Table when kubectl asked for one.</summary>
    public static Task WriteObjectAsync(HttpContext context, ResourceDescriptor d, JsonObject stored, int status, ResponseShape shape, DateTimeOffset now)
    {
        if (shape.Table)
        {
            var rv = stored["metadata"]?["resourceVersion"]?.GetValue<string>();
            var meta = rv is null ? new JsonObject() : new JsonObject { ["resourceVersion"] = rv };
            return WriteJsonAsync(context, status, TableConverter.Build(d, [stored], shape.TableApiVersion, shape.IncludeObject, now, meta));
        }

        return WriteJsonAsync(context, status, ObjectFraming.Typed(d, stored));
    }

    public static async Task WriteStoredAsync(HttpContext context, ResourceDescriptor d, StoredObject stored, ResponseShape shape, DateTimeOffset now)
    {
        if (shape.Table)
        {
            await WriteObjectAsync(context, d, stored.Object, 200, shape, now).ConfigureAwait(false);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(stored.Members.Length + 128);
        ObjectFraming.WriteObject(buffer, d, stored, inList: false);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    public static async Task WriteListAsync(HttpContext context, ResourceDescriptor d, ListPage page, ResponseShape shape, DateTimeOffset now)
    {
        var meta = new JsonObject { ["resourceVersion"] = page.Revision.ToString(CultureInfo.InvariantCulture) };
        if (page.Continue is not null)
        {
            meta["continue"] = page.Continue;
        }

        if (page.RemainingItemCount is { } remaining)
        {
            meta["remainingItemCount"] = remaining;
        }

        if (shape.Table)
        {
            await WriteJsonAsync(context, 200, TableConverter.Build(d, page.Items.Select(i => i.Object), shape.TableApiVersion, shape.IncludeObject, now, meta)).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var output = context.Response.BodyWriter;
        WriteListFrame(output, d, meta, page.Items);
        await output.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Built-in lists are structs (kind, apiVersion, metadata, items); custom resource lists are maps, keys sorted.</summary>
    private static void WriteListFrame(IBufferWriter<byte> output, ResourceDescriptor d, JsonObject meta, IReadOnlyList<StoredObject> items)
    {
        // A custom resource list is a map, its metadata included: keys sorted (continue, remainingItemCount, resourceVersion).
        var listMeta = d.IsCustomResource
            ? new JsonObject(meta.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())))
            : meta;
        var metaBytes = Encoding.UTF8.GetBytes(listMeta.ToJsonString(JsonOutput.Serializer));
        if (d.IsCustomResource)
        {
            output.Write(Encoding.UTF8.GetBytes($"{{\"apiVersion\":{Quote(d.ApiVersion)},\"items\":["));
            WriteItems(output, d, items);
            output.Write(Encoding.UTF8.GetBytes($"],\"kind\":{Quote(d.ListKind)},\"metadata\":"));
            output.Write(metaBytes);
            output.Write("}"u8);
        }
        else
        {
            output.Write(Encoding.UTF8.GetBytes($"{{\"kind\":{Quote(d.ListKind)},\"apiVersion\":{Quote(d.ApiVersion)},\"metadata\":"));
            output.Write(metaBytes);
            output.Write(",\"items\":["u8);
            WriteItems(output, d, items);
            output.Write("]}"u8);
        }
    }

    private static void WriteItems(IBufferWriter<byte> output, ResourceDescriptor d, IReadOnlyList<StoredObject> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                output.Write(","u8);
            }

            ObjectFraming.WriteObject(output, d, items[i], inList: true);
        }
    }

    private static string Quote(string value) => JsonValue.Create(value).ToJsonString(JsonOutput.Serializer);
}
