using CanaryFlow.Kubernetes.Events;

namespace CanaryFlow.Kubernetes.Tests.Events;

public sealed class LruCacheTests
{
    [Fact]
    public void Evicts_the_least_recently_used_entry()
    {
        var cache = new LruCache<string, int>(2);
        cache.Set("a", 1);
        cache.Set("b", 2);
        Assert.True(cache.TryGetValue("a", out _));
        cache.Set("c", 3);

        Assert.False(cache.TryGetValue("b", out _));
        Assert.True(cache.TryGetValue("a", out var a));
        Assert.Equal(1, a);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Replacing_a_value_does_not_evict()
    {
        var cache = new LruCache<string, int>(2);
        cache.Set("a", 1);
        cache.Set("b", 2);
        cache.Set("a", 10);

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGetValue("b", out _));
        Assert.True(cache.TryGetValue("a", out var a));
        Assert.Equal(10, a);
    }
}
