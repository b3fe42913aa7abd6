using System.Collections.Immutable;

namespace CanaryFlow.LocalCluster.Storage;

/// <summary>
/// All objects of one storage resource, as a persistent (structurally shared) map: a snapshot is just a
/// reference, which is what lets paged lists read a consistent revision while writes go on.
/// </summary>
public sealed class ResourceTable
{
    public static readonly ResourceTable Empty = new(
        ImmutableSortedDictionary.Create<string, ImmutableSortedDictionary<string, StoredObject>>(StringComparer.Ordinal), 0);

    private static readonly ImmutableSortedDictionary<string, StoredObject> _emptyNamespace =
        ImmutableSortedDictionary.Create<string, StoredObject>(StringComparer.Ordinal);

    private readonly ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, StoredObject>> _byNamespace;

    private ResourceTable(ImmutableSortedDictionary<string, ImmutableSortedDictionary<string, StoredObject>> byNamespace, int count)
    {
        _byNamespace = byNamespace;
        Count = count;
    }

    public int Count { get; }

    public StoredObject? Get(ObjectKey key) =>
        _byNamespace.TryGetValue(key.Namespace, out var names) && names.TryGetValue(key.Name, out var obj) ? obj : null;

    public ResourceTable Put(StoredObject obj)
    {
        var names = _byNamespace.GetValueOrDefault(obj.Namespace) ?? _emptyNamespace;
        var existed = names.ContainsKey(obj.Name);
        return new ResourceTable(_byNamespace.SetItem(obj.Namespace, names.SetItem(obj.Name, obj)), existed ? Count : Count + 1);
    }

    public ResourceTable Remove(ObjectKey key)
    {
        if (!_byNamespace.TryGetValue(key.Namespace, out var names) || !names.ContainsKey(key.Name))
        {
            return this;
        }

        var remaining = names.Remove(key.Name);
        var byNamespace = remaining.IsEmpty ? _byNamespace.Remove(key.Namespace) : _byNamespace.SetItem(key.Namespace, remaining);
        return new ResourceTable(byNamespace, Count - 1);
    }

    /// <summary>Objects in key order (namespace, then name), optionally one namespace only, strictly after <paramref name="after"/>.</summary>
    public IEnumerable<StoredObject> Enumerate(string? @namespace, ObjectKey? after = null)
    {
        if (@namespace is not null)
        {
            if (_byNamespace.TryGetValue(@namespace, out var names))
            {
                foreach (var obj in SkipThrough(names, after is { } a && a.Namespace == @namespace ? a.Name : null))
                {
                    yield return obj;
                }
            }

            yield break;
        }

        foreach (var (ns, names) in _byNamespace)
        {
            if (after is { } a && string.CompareOrdinal(ns, a.Namespace) < 0)
            {
                continue;
            }

            var skipName = after is { } b && b.Namespace == ns ? b.Name : null;
            foreach (var obj in SkipThrough(names, skipName))
            {
                yield return obj;
            }
        }
    }

    public IEnumerable<string> Namespaces => _byNamespace.Keys;

    private static IEnumerable<StoredObject> SkipThrough(ImmutableSortedDictionary<string, StoredObject> names, string? afterName)
    {
        foreach (var (name, obj) in names)
        {
            if (afterName is not null && string.CompareOrdinal(name, afterName) <= 0)
            {
                continue;
            }

            yield return obj;
        }
    }
}
