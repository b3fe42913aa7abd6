using System.Collections.Concurrent;

namespace CanaryFlow.Controller.Git;

/// <summary>
/// The back-off of failed Git work: 5 s doubling to 5 min per piece of work. Entries nobody asks for any more (the
/// Rollout was deleted, its template moved on, spec.git was removed) are dropped, so the map does not grow with the
/// cluster's history: work still wanted is asked for again right after its back-off, because the worker requeues the
/// Rollout then.
/// </summary>
internal sealed class GitWorkBackoffs
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<GitWorkKey, Entry> _entries = new();
    private readonly TimeProvider _clock;

    public GitWorkBackoffs(TimeProvider clock) => _clock = clock;

    public int Count => _entries.Count;

    public bool IsBackingOff(GitWorkKey key) => _entries.TryGetValue(key, out var entry) && entry.NotBefore > _clock.GetUtcNow();

    /// <summary>Records one more failure; returns how long to wait before trying again.</summary>
    public TimeSpan Failed(GitWorkKey key)
    {
        var failures = _entries.TryGetValue(key, out var previous) ? previous.Failures + 1 : 1;
        var delay = TimeSpan.FromTicks(Math.Min(First.Ticks << Math.Min(failures - 1, 16), Max.Ticks));
        _entries[key] = new Entry(failures, _clock.GetUtcNow() + delay);
        return delay;
    }

    public void Succeeded(GitWorkKey key) => _entries.TryRemove(key, out _);

    /// <summary>
    /// Forgets the back-off of the same Rollout and operation for other templates, and of work not asked for again within
    /// the longest back-off after its own ended (nobody wants it any more). Work queued or running keeps its entry.
    /// </summary>
    public void Prune(GitWorkKey submitted, Func<GitWorkKey, bool> active)
    {
        if (_entries.IsEmpty)
        {
            return;
        }

        var forgottenBefore = _clock.GetUtcNow() - Max;
        foreach (var (key, entry) in _entries)
        {
            if (!active(key) && (key.IsSupersededBy(submitted) || entry.NotBefore < forgottenBefore))
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private readonly record struct Entry(int Failures, DateTimeOffset NotBefore);
}
