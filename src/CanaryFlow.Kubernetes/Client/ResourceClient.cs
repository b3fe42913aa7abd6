using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Client;

/// <summary>
/// Typed operations on one kind: get, list (paged), watch, create, replace, replace status, patch and delete,
/// with the API server's errors as <see cref="KubernetesApiException"/>.
/// </summary>
public sealed class ResourceClient<T>
    where T : class, IKubernetesObject
{
    private readonly KubernetesClient _client;
    private readonly JsonTypeInfo<T> _typeInfo;
    private readonly JsonTypeInfo<KubernetesList<T>> _listTypeInfo;

    internal ResourceClient(KubernetesClient client, ResourceType type, JsonTypeInfo<T> typeInfo, JsonTypeInfo<KubernetesList<T>> listTypeInfo)
    {
        _client = client;
        Type = type;
        _typeInfo = typeInfo;
        _listTypeInfo = listTypeInfo;
    }

    public ResourceType Type { get; }

    public async Task<T> GetAsync(string? ns, string name, CancellationToken cancellationToken = default)
    {
        using var response = await _client.SendAsync(HttpMethod.Get, Type.ItemPath(ns, name), null, "get", Type, streaming: false, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, _typeInfo, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<T?> TryGetAsync(string? ns, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsNotFound && e is not ResourceNotServedException)
        {
            return null;
        }
    }

    /// <summary>One page of a list.</summary>
    public async Task<KubernetesList<T>> ListAsync(string? ns, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ListOptions();
        var query = new QueryBuilder()
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector)
            .Add("resourceVersion", options.ResourceVersion)
            .Add("limit", options.Limit?.ToString(CultureInfo.InvariantCulture))
            .Add("continue", options.Continue);
        using var response = await _client.SendAsync(HttpMethod.Get, Type.CollectionPath(ns) + query, null, "list", Type, streaming: false, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, _listTypeInfo, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every item, following continue tokens page by page (all pages are one consistent snapshot). When a token
    /// expires mid-way (410) the list starts over, as client-go's pager does.
    /// </summary>
    public async Task<ListResult<T>> ListAllAsync(string? ns, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ListOptions();
        for (var attempt = 1; ; attempt++)
        {
            var items = new List<T>();
            var page = options with { Limit = options.Limit ?? _client.Options.PageSize, Continue = null };
            try
            {
                while (true)
                {
                    var list = await ListAsync(ns, page, cancellationToken).ConfigureAwait(false);
                    items.AddRange(list.Items);
                    if (string.IsNullOrEmpty(list.Metadata.Continue))
                    {
                        return new ListResult<T>(items, list.Metadata.ResourceVersion ?? "");
                    }

                    // Later pages repeat the query with the token; a resourceVersion other than "" or "0" is not allowed with it.
                    page = page with { Continue = list.Metadata.Continue, ResourceVersion = null };
                }
            }
            catch (KubernetesApiException e) when (e.IsExpired && attempt < 3)
            {
                options = options with { ResourceVersion = null };
            }
        }
    }

    /// <summary>
    /// Watches the collection: typed events until the server ends the stream (normal: watch again from the last
    /// resourceVersion). An in-stream ERROR (e.g. 410 Expired) is thrown as <see cref="KubernetesApiException"/>.
    /// </summary>
    public async IAsyncEnumerable<ResourceEvent<T>> WatchAsync(string? ns, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new WatchOptions();
        var query = new QueryBuilder()
            .Add("watch", "true")
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector)
            .Add("resourceVersion", options.ResourceVersion)
            .Add("allowWatchBookmarks", options.AllowBookmarks ? "true" : null)
            .Add("timeoutSeconds", options.Timeout is { } timeout ? ((long)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture) : null);
        using var response = await _client.SendAsync(HttpMethod.Get, Type.CollectionPath(ns) + query, null, "watch", Type, streaming: true, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var line in WatchLineReader.ReadLinesAsync(body, cancellationToken).ConfigureAwait(false))
        {
            var watchEvent = KubernetesSerializer.Deserialize<WatchEvent>(line);
            switch (watchEvent.Type)
            {
                case WatchEventType.Added:
                    yield return new ResourceEvent<T>(ResourceEventType.Added, Object(watchEvent));
                    break;
                case WatchEventType.Modified:
                    yield return new ResourceEvent<T>(ResourceEventType.Modified, Object(watchEvent));
                    break;
                case WatchEventType.Deleted:
                    yield return new ResourceEvent<T>(ResourceEventType.Deleted, Object(watchEvent));
                    break;
                case WatchEventType.Bookmark:
                    yield return new ResourceEvent<T>(ResourceEventType.Bookmark, Object(watchEvent));
                    break;
                case WatchEventType.Error:
                    var status = KubernetesSerializer.Deserialize<Status>(watchEvent.Object);
                    throw new KubernetesApiException($"watch {Type.QualifiedName}: {status.Message} ({status.Reason}, {status.Code})", status.Code ?? 500, status);
                default:
                    throw new JsonException($"watch {Type.QualifiedName}: unknown event type '{watchEvent.Type}'");
            }
        }
    }

    /// <summary>Creates the object; server-set metadata (resourceVersion, uid, creationTimestamp) is cleared first.</summary>
    public async Task<T> CreateAsync(T obj, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var ns = obj.Metadata.Namespace;
        var body = JsonSerializer.SerializeToNode(obj, _typeInfo)!.AsObject();
        if (body["metadata"] is System.Text.Json.Nodes.JsonObject metadata)
        {
            metadata.Remove("resourceVersion");
            metadata.Remove("uid");
            metadata.Remove("creationTimestamp");
            metadata.Remove("managedFields");
        }

        body["apiVersion"] = Type.ApiVersion;
        body["kind"] = Type.Kind;
        using var response = await _client.SendAsync(HttpMethod.Post, Type.CollectionPath(ns) + WriteQuery(options), KubernetesClient.Json(body.ToJsonString(KubernetesSerializer.Options), "application/json"), "create", Type, streaming: false, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, _typeInfo, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces the object; its resourceVersion is the precondition (409 when someone wrote in between).</summary>
    public Task<T> ReplaceAsync(T obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        PutAsync(obj, null, options, cancellationToken);

    /// <summary>Replaces the status subresource (the rest of the object is ignored by the server).</summary>
    public Task<T> ReplaceStatusAsync(T obj, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        PutAsync(obj, "status", options, cancellationToken);

    public async Task<T> PatchAsync(string? ns, string name, Patch patch, string? subresource = null, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var query = WriteQuery(options, force: patch.Type == PatchType.Apply && patch.Force);
        using var response = await _client.SendAsync(HttpMethod.Patch, Type.ItemPath(ns, name, subresource) + query, KubernetesClient.Json(patch.Body, patch.ContentType), "patch", Type, streaming: false, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, _typeInfo, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the object; a pending deletion (finalizers) answers with the object, a completed one with a Status.</summary>
    public async Task<DeleteResult<T>> DeleteAsync(string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        var content = options is null ? null : KubernetesClient.Json(KubernetesSerializer.SerializeToUtf8Bytes(options));
        using var response = await _client.SendAsync(HttpMethod.Delete, Type.ItemPath(ns, name), content, "delete", Type, streaming: false, cancellationToken).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.TryGetProperty("kind", out var kind) && kind.ValueEquals("Status")
            ? new DeleteResult<T>(null, KubernetesSerializer.Deserialize<Status>(document.RootElement))
            : new DeleteResult<T>(document.RootElement.Deserialize(_typeInfo), null);
    }

    private async Task<T> PutAsync(T obj, string? subresource, WriteOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var name = obj.Metadata.Name ?? throw new ArgumentException("the object has no metadata.name", nameof(obj));
        if (string.IsNullOrEmpty(obj.Metadata.ResourceVersion))
        {
            // An update without a resourceVersion would overwrite whatever is there: never what a controller means.
            throw new ArgumentException($"{Type.Kind} {name} has no metadata.resourceVersion: read it first, then replace", nameof(obj));
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(obj, _typeInfo);
        using var response = await _client.SendAsync(HttpMethod.Put, Type.ItemPath(obj.Metadata.Namespace, name, subresource) + WriteQuery(options), KubernetesClient.Json(body), "update", Type, streaming: false, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, _typeInfo, cancellationToken).ConfigureAwait(false);
    }

    private string WriteQuery(WriteOptions? options, bool force = false)
    {
        options ??= WriteOptions.Default;
        return new QueryBuilder()
            .Add("dryRun", options.DryRun ? "All" : null)
            .Add("fieldManager", options.FieldManager ?? _client.Options.FieldManager)
            .Add("fieldValidation", options.FieldValidation)
            .Add("force", force ? "true" : null)
            .ToString();
    }

    private T Object(WatchEvent watchEvent) => watchEvent.Object.Deserialize(_typeInfo)
        ?? throw new JsonException($"watch {Type.QualifiedName}: {watchEvent.Type} event without an object");

    private static async Task<TResult> ReadAsync<TResult>(HttpResponseMessage response, JsonTypeInfo<TResult> typeInfo, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException($"the server answered with an empty {typeof(TResult).Name}");
    }

    /// <summary>Builds a query string, escaping values and skipping absent ones.</summary>
    private sealed class QueryBuilder
    {
        private readonly StringBuilder _query = new();

        public QueryBuilder Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                _query.Append(_query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }

            return this;
        }

        public override string ToString() => _query.ToString();
    }
}
