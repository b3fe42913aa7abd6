using System.Globalization;
using CanaryFlow.Kubernetes.Fields;
using CanaryFlow.Kubernetes.Labels;
using CanaryFlow.LocalCluster.Api;
using CanaryFlow.LocalCluster.Storage;
using CanaryFlow.LocalCluster.Validation;

namespace CanaryFlow.LocalCluster.Registry;

public sealed partial class GenericRegistry
{
    private static readonly TimeSpan _tooLargeResourceVersionWait = TimeSpan.FromSeconds(3);
    private readonly ListSnapshotCache _snapshots;

    public async Task<StoredObject> GetAsync(ResourceDescriptor d, string ns, string name, string? resourceVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (ParseResourceVersion(resourceVersion) is { } minimum and > 0)
        {
            await WaitForRevisionAsync(minimum, cancellationToken).ConfigureAwait(false);
        }

        return _store.State.Table(d.StorageResource).Get(new ObjectKey(d.Namespaced ? ns : "", name))
            ?? throw ApiErrors.NotFound(d, name);
    }

    public async Task<ListPage> ListAsync(ResourceDescriptor d, ListRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(request);
        var matches = Matcher(d, request.Labels, request.Fields);
        var rv = request.ResourceVersion ?? "";
        var match = request.ResourceVersionMatch ?? "";
        ContinueToken? token = null;
        if (!string.IsNullOrEmpty(request.Continue))
        {
            if (rv is not ("" or "0"))
            {
                throw ApiErrors.BadRequest("specifying resource version is not allowed when using continue");
            }

            if (match.Length > 0)
            {
                throw InvalidListOptions(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
            }

            if (!ContinueToken.TryDecode(request.Continue, out token))
            {
                throw ApiErrors.BadRequest("invalid continue token: continue key is not valid: " + request.Continue);
            }
        }

        if (match.Length > 0)
        {
            if (rv.Length == 0)
            {
                throw InvalidListOptions(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden unless resourceVersion is provided"));
            }

            if (match is not ("Exact" or "NotOlderThan"))
            {
                throw InvalidListOptions(FieldError.NotSupported("resourceVersionMatch", System.Text.Json.Nodes.JsonValue.Create(match), ["Exact", "NotOlderThan"]));
            }

            if (match == "Exact" && rv == "0")
            {
                throw InvalidListOptions(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
            }
        }

        var requested = ParseResourceVersion(rv);
        ResourceTable table;
        long revision;
        if (token is not null)
        {
            table = _snapshots.Find(d.StorageResource, token.Revision) ?? throw ContinueExpired(d, token);
            revision = token.Revision;
        }
        else if (requested is > 0 && (match == "Exact" || (match.Length == 0 && request.Limit is > 0)))
        {
            await WaitForRevisionAsync(requested.Value, cancellationToken).ConfigureAwait(false);
            var state = _store.State;
            if (state.Revision == requested.Value)
            {
                (table, revision) = (state.Table(d.StorageResource), state.Revision);
            }
            else
            {
                table = _snapshots.Find(d.StorageResource, requested.Value)
                    ?? throw ApiErrors.Expired($"too old resource version: {requested.Value} ({_store.HistoryStart(d.StorageResource)})");
                revision = requested.Value;
            }
        }
        else
        {
            if (requested is > 0)
            {
                await WaitForRevisionAsync(requested.Value, cancellationToken).ConfigureAwait(false);
            }

            var state = _store.State;
            (table, revision) = (state.Table(d.StorageResource), state.Revision);
        }

        return Page(d, table, revision, request, token?.After, matches);
    }

    private ListPage Page(ResourceDescriptor d, ResourceTable table, long revision, ListRequest request, ObjectKey? after, Func<StoredObject, bool> matches)
    {
        var items = new List<StoredObject>();
        var limit = request.Limit is > 0 ? request.Limit.Value : long.MaxValue;
        string? next = null;
        long? remaining = null;
        using var enumerator = table.Enumerate(d.Namespaced ? request.Namespace : null, after).Where(matches).GetEnumerator();
        while (items.Count < limit && enumerator.MoveNext())
        {
            items.Add(enumerator.Current);
        }

        if (items.Count == limit && enumerator.MoveNext())
        {
            var last = items[^1];
            next = new ContinueToken(revision, new ObjectKey(last.Namespace, last.Name)).Encode();
            _snapshots.Remember(d.StorageResource, revision, table);
            if (request.Labels.IsEverything && request.Fields.IsEverything)
            {
                long count = 1;
                while (enumerator.MoveNext())
                {
                    count++;
                }

                remaining = count;
            }
        }

        return new ListPage(items, revision, next, remaining);
    }

    /// <summary>The predicate of a label and field selector, or 400 for a field this resource cannot select on.</summary>
    public static Func<StoredObject, bool> Matcher(ResourceDescriptor d, LabelSelector labels, FieldSelector fields)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(fields);
        foreach (var requirement in fields.Requirements)
        {
            if (requirement.Field is not ("metadata.name" or "metadata.namespace") && !d.SelectableFields.ContainsKey(requirement.Field))
            {
                throw ApiErrors.BadRequest($"field label not supported: {requirement.Field}");
            }
        }

        if (labels.IsEverything && fields.IsEverything)
        {
            return _ => true;
        }

        return obj => labels.Matches(obj.Labels) && (fields.IsEverything || fields.Matches(field => field switch
        {
            "metadata.name" => obj.Name,
            "metadata.namespace" => obj.Namespace,
            _ => d.SelectableFields[field](obj.Object),
        }));
    }

    /// <summary>410 for a continue token whose snapshot is gone, carrying a fresh token that continues from now.</summary>
    private StatusException ContinueExpired(ResourceDescriptor d, ContinueToken token)
    {
        var state = _store.State;
        _snapshots.Remember(d.StorageResource, state.Revision, state.Table(d.StorageResource));
        return new StatusException(
            410,
            "Expired",
            "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.")
        {
            Continue = new ContinueToken(state.Revision, token.After).Encode(),
        };
    }

    private static StatusException InvalidListOptions(FieldError error) =>
        ApiErrors.Invalid("ListOptions.meta.k8s.io", "meta.k8s.io", "ListOptions", "", [error]);

    private static long? ParseResourceVersion(string? resourceVersion)
    {
        if (string.IsNullOrEmpty(resourceVersion))
        {
            return null;
        }

        if (!long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw ApiErrors.BadRequest($"invalid resource version: {resourceVersion}");
        }

        return value;
    }

    /// <summary>Waits briefly for a revision newer than the store has, then fails as the watch cache does.</summary>
    public async Task WaitForRevisionAsync(long revision, CancellationToken cancellationToken)
    {
        var deadline = _clock.GetUtcNow() + _tooLargeResourceVersionWait;
        while (_store.Revision < revision)
        {
            if (_clock.GetUtcNow() >= deadline)
            {
                throw ApiErrors.Timeout(
                    $"Too large resource version: {revision}, current: {_store.Revision}",
                    1,
                    [new StatusCause("ResourceVersionTooLarge", "Too large resource version", null)]);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), _clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Drops the paged-list snapshots, so outstanding continue tokens expire (a test hook).</summary>
    public void ExpireContinueTokens() => _snapshots.Clear();
}
