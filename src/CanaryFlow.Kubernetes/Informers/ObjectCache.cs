using System.Collections.Concurrent;
using CanaryFlow.Kubernetes.Models;

namespace CanaryFlow.Kubernetes.Informers;

/// <summary>
/// The informer's copy of the objects it watches, safe to read from any thread while the informer writes. Objects
/// are immutable records, so readers get them without copying. Indexed by namespace, owner uid and label.
/// </summary>
public sealed class ObjectCache<T>
    where T : class, IKubernetesObject
{
    private readonly ConcurrentDictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly Lock _indexLock = new();
    private readonly Dictionary<string, HashSet<string>> _byNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byLabel = new(StringComparer.Ordinal);

    public int Count => _items.Count;

    /// <summary><c>namespace/name</c>, or the name alone for cluster-scoped objects.</summary>
    public static string KeyOf(string? ns, string name) => string.IsNullOrEmpty(ns) ? name : ns + "/" + name;

    public static string KeyOf(T obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return KeyOf(obj.Metadata.Namespace, obj.Metadata.Name ?? "");
    }

    public T? Get(string? ns, string name) => _items.GetValueOrDefault(KeyOf(ns, name));

    public T? GetByKey(string key) => _items.GetValueOrDefault(key);

    public IReadOnlyList<T> List() => [.. _items.Values];

    public IReadOnlyList<T> List(string ns) => Lookup(_byNamespace, ns);

    /// <summary>Objects with an ownerReference to this uid (the ReplicaSets of a Rollout, say).</summary>
    public IReadOnlyList<T> ByOwner(string ownerUid) => Lookup(_byOwner, ownerUid);

    public IReadOnlyList<T> ByLabel(string key, string value) => Lookup(_byLabel, key + "=" + value);

    /// <summary>Adds or replaces an object; returns the previous state.</summary>
    internal T? Upsert(T obj)
    {
        var key = KeyOf(obj);
        T? previous = null;
        lock (_indexLock)
        {
            if (_items.TryGetValue(key, out var existing))
            {
                previous = existing;
                Unindex(key, existing);
            }

            _items[key] = obj;
            Index(key, obj);
        }

        return previous;
    }

    /// <summary>Removes an object; returns its last state, or null when it was not there.</summary>
    internal T? Remove(string key)
    {
        lock (_indexLock)
        {
            if (!_items.TryRemove(key, out var removed))
            {
                return null;
            }

            Unindex(key, removed);
            return removed;
        }
    }

    internal IReadOnlyCollection<string> Keys => [.. _items.Keys];

    private IReadOnlyList<T> Lookup(Dictionary<string, HashSet<string>> index, string value)
    {
        lock (_indexLock)
        {
            if (!index.TryGetValue(value, out var keys))
            {
                return [];
            }

            var result = new List<T>(keys.Count);
            foreach (var key in keys)
            {
                if (_items.TryGetValue(key, out var item))
                {
                    result.Add(item);
                }
            }

            return result;
        }
    }

    private void Index(string key, T obj)
    {
        Add(_byNamespace, obj.Metadata.Namespace ?? "", key);
        foreach (var owner in obj.Metadata.OwnerReferences ?? [])
        {
            if (owner.Uid is { } uid)
            {
                Add(_byOwner, uid, key);
            }
        }

        foreach (var (labelKey, labelValue) in obj.Metadata.Labels ?? _emptyLabels)
        {
            Add(_byLabel, labelKey + "=" + labelValue, key);
        }
    }

    private void Unindex(string key, T obj)
    {
        RemoveFrom(_byNamespace, obj.Metadata.Namespace ?? "", key);
        foreach (var owner in obj.Metadata.OwnerReferences ?? [])
        {
            if (owner.Uid is { } uid)
            {
                RemoveFrom(_byOwner, uid, key);
            }
        }

        foreach (var (labelKey, labelValue) in obj.Metadata.Labels ?? _emptyLabels)
        {
            RemoveFrom(_byLabel, labelKey + "=" + labelValue, key);
        }
    }

    private static void Add(Dictionary<string, HashSet<string>> index, string value, string key)
    {
        if (!index.TryGetValue(value, out var keys))
        {
            keys = new HashSet<string>(StringComparer.Ordinal);
            index[value] = keys;
        }

        keys.Add(key);
    }

    private static void RemoveFrom(Dictionary<string, HashSet<string>> index, string value, string key)
    {
        if (index.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
        {
            index.Remove(value);
        }
    }

    private static readonly IReadOnlyDictionary<string, string> _emptyLabels = new Dictionary<string, string>();
}
