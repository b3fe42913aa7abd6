using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json.Nodes;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Printing;
using CanaryFlow.LocalCluster.Registry;
using CanaryFlow.LocalCluster.Storage;
using CanaryFlow.LocalCluster.Validation;
using Microsoft.AspNetCore.Http;

namespace CanaryFlow.LocalCluster.Http;

/// <summary>
/// Serves watch requests: 200 and headers at once, then one JSON WatchEvent per line, flushed per burst;
/// synthetic ADDED events for "" and "0", replay after an explicit revision, in-stream ERROR 410 when that
/// revision is gone, bookmarks when allowed, and a clean end at the timeout.
/// </summary>
public sealed class WatchStreamer
{
    private readonly GenericRegistry _registry;
    private readonly LocalClusterOptions _options;
    private readonly ConcurrentDictionary<Watcher, HttpContext> _open = new();

    public WatchStreamer(GenericRegistry registry, LocalClusterOptions options)
    {
        _registry = registry;
        _options = options;
    }

    /// <summary>Cuts every open watch connection without a clean end (the client sees a broken stream).</summary>
    public void DropAll()
    {
        foreach (var context in _open.Values)
        {
            try
            {
                context.Abort();
            }
            catch (ObjectDisposedException)
            {
                // The watch ended between being listed and being cut (its request is over): nothing left to drop.
            }
        }
    }

    /// <summary>Sends a bookmark to every open watch that allows them.</summary>
    public void BookmarkAll()
    {
        foreach (var watcher in _open.Keys)
        {
            _registry.Store.SendBookmark(watcher);
        }
    }

    public async Task StreamAsync(HttpContext context, ResourceDescriptor d, WatchRequest request, ResponseShape shape)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(request);
        var cancellation = context.RequestAborted;
        var match = request.ResourceVersionMatch ?? "";
        if (request.SendInitialEvents && match != "NotOlderThan")
        {
            throw InvalidWatch(FieldError.Forbidden("resourceVersionMatch", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
        }

        if (!request.SendInitialEvents && match.Length > 0)
        {
            throw InvalidWatch(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
        }

        var matches = GenericRegistry.Matcher(d, request.Labels, request.Fields);
        long? from = null;
        if (!string.IsNullOrEmpty(request.ResourceVersion) && request.ResourceVersion != "0")
        {
            if (!long.TryParse(request.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw ApiErrors.BadRequest($"invalid resource version: {request.ResourceVersion}");
            }

            from = request.SendInitialEvents ? null : parsed;
            if (parsed > _registry.Store.Revision)
            {
                await _registry.WaitForRevisionAsync(parsed, cancellation).ConfigureAwait(false);
            }
        }

        var start = _registry.Store.OpenWatch(d.StorageResource, d.Namespaced ? request.Namespace : null, matches, from, _options.WatchQueueCapacity);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var output = context.Response.BodyWriter;
        if (start.Expired)
        {
            WriteError(output, ApiErrors.Expired($"too old resource version: {from} ({start.OldestRevision})").ToStatus());
            await output.FlushAsync(cancellation).ConfigureAwait(false);
            return;
        }

        var watcher = start.Watcher!;
        _open[watcher] = context;
        try
        {
            await context.Response.StartAsync(cancellation).ConfigureAwait(false);
            var now = _registry.Clock.GetUtcNow();
            var first = true;
            foreach (var obj in start.Initial)
            {
                WriteEvent(output, d, shape, "ADDED", obj, now, ref first);
            }

            // The end marker is a bookmark: like any bookmark it only goes to watches that allow them.
            if (request.SendInitialEvents && request.AllowBookmarks)
            {
                WriteBookmark(output, d, start.Revision, initialEventsEnd: true);
            }

            await output.FlushAsync(cancellation).ConfigureAwait(false);
            await PumpAsync(context, output, d, shape, watcher, request, first, cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            _open.TryRemove(watcher, out _);
            _registry.Store.CloseWatch(watcher);
        }
    }

    private async Task PumpAsync(HttpContext context, PipeWriter output, ResourceDescriptor d, ResponseShape shape, Watcher watcher, WatchRequest request, bool first, CancellationToken cancellation)
    {
        var clock = _registry.Clock;
        var timeout = request.TimeoutSeconds is > 0
            ? TimeSpan.FromSeconds(request.TimeoutSeconds.Value)
            : _options.MinRequestTimeout * (1 + Random.Shared.NextDouble());
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        var nextBookmark = clock.GetUtcNow() + _options.BookmarkInterval;
        while (!deadline.IsCancellationRequested)
        {
            bool available;
            try
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                if (request.AllowBookmarks)
                {
                    var untilBookmark = nextBookmark - clock.GetUtcNow();
                    wait.CancelAfter(untilBookmark > TimeSpan.Zero ? untilBookmark : TimeSpan.Zero);
                }

                available = await watcher.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
            {
                _registry.Store.SendBookmark(watcher);
                nextBookmark = clock.GetUtcNow() + _options.BookmarkInterval;
                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!available)
            {
                // Closed by the server: a watcher that fell behind ends cleanly and its client resumes.
                return;
            }

            var now = clock.GetUtcNow();
            while (watcher.Reader.TryRead(out var message))
            {
                switch (message.Type)
                {
                    case WatchMessageType.Bookmark:
                        if (request.AllowBookmarks)
                        {
                            WriteBookmark(output, d, message.ResourceVersion, message.InitialEventsEnd);
                        }

                        break;
                    case WatchMessageType.Error:
                        WriteError(output, message.Status!);
                        break;
                    default:
                        WriteEvent(output, d, shape, TypeName(message.Type), message.Object!, now, ref first);
                        break;
                }
            }

            await output.FlushAsync(cancellation).ConfigureAwait(false);
        }

        _ = context;
    }

    private static string TypeName(WatchMessageType type) => type switch
    {
        WatchMessageType.Added => "ADDED",
        WatchMessageType.Modified => "MODIFIED",
        WatchMessageType.Deleted => "DELETED",
        WatchMessageType.Bookmark => "BOOKMARK",
        _ => "ERROR",
    };

    private static void WriteEvent(PipeWriter output, ResourceDescriptor d, ResponseShape shape, string type, StoredObject obj, DateTimeOffset now, ref bool first)
    {
        output.Write("{\"type\":\""u8);
        output.Write(System.Text.Encoding.UTF8.GetBytes(type));
        output.Write("\",\"object\":"u8);
        if (shape.Table)
        {
            var rv = obj.ResourceVersion.ToString(CultureInfo.InvariantCulture);
            var table = TableConverter.Build(d, [obj.Object], shape.TableApiVersion, shape.IncludeObject, now,
                new JsonObject { ["resourceVersion"] = rv }, includeColumnDefinitions: first);
            ObjectFraming.WriteNode(output, table);
            first = false;
        }
        else
        {
            ObjectFraming.WriteObject(output, d, obj, inList: false);
        }

        output.Write("}\n"u8);
    }

    private static void WriteBookmark(PipeWriter output, ResourceDescriptor d, long revision, bool initialEventsEnd)
    {
        var metadata = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        var obj = d.IsCustomResource
            ? new JsonObject { ["apiVersion"] = d.ApiVersion, ["kind"] = d.Kind, ["metadata"] = metadata }
            : new JsonObject { ["kind"] = d.Kind, ["apiVersion"] = d.ApiVersion, ["metadata"] = metadata };
        output.Write("{\"type\":\"BOOKMARK\",\"object\":"u8);
        ObjectFraming.WriteNode(output, obj);
        output.Write("}\n"u8);
    }

    private static void WriteError(PipeWriter output, JsonObject status)
    {
        output.Write("{\"type\":\"ERROR\",\"object\":"u8);
        ObjectFraming.WriteNode(output, status);
        output.Write("}\n"u8);
    }

    private static StatusException InvalidWatch(FieldError error) =>
        ApiErrors.Invalid("ListOptions.meta.k8s.io", "meta.k8s.io", "ListOptions", "", [error]);
}
